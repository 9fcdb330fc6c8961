import NIOCore
import NIOPosix
import Testing

@testable import Mail

@Suite("SMTP client against relays that fail")
struct SMTPClientFailureTests {
    static let message = try? MailMessage(
        from: "alerts@example.org", to: ["lead@example.org"], subject: "Dose alert", body: "Body text.\n")

    static func client(_ url: String, replyTimeout: Duration = .seconds(30)) throws -> SMTPClient {
        var configuration = SMTPClient.Configuration(relay: try SMTPRelayURL(url))
        configuration.replyTimeout = replyTimeout
        return SMTPClient(configuration: configuration)
    }

    static func sendError(_ client: SMTPClient) async throws -> SMTPError {
        let message = try #require(message)
        let error = await #expect(throws: SMTPError.self) { try await client.send(message) }
        return try #require(error)
    }

    @Test("a refused connection is a connection error naming the relay")
    func connectionRefused() async throws {
        // A port that was just free: bound, read and closed again.
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(probe.localAddress?.port)
        try await probe.close()

        let error = try await Self.sendError(try Self.client("smtp://127.0.0.1:\(port)"))
        #expect(error.kind == .connectionFailed)
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(error.description.lowercased().contains("refused"))
    }

    @Test("a relay that accepts the connection and never replies ends in a timeout waiting for the greeting")
    func silentRelay() async throws {
        try await ScriptedSMTPServer.with(greeting: nil) { server in
            let error = try await Self.sendError(
                try Self.client("smtp://127.0.0.1:\(server.port)", replyTimeout: .milliseconds(200)))
            #expect(error.kind == .timedOut)
            #expect(error.command == "the greeting")
        }
    }

    @Test("a relay that goes quiet after its greeting times out on the command it left unanswered")
    func quietAfterGreeting() async throws {
        try await ScriptedSMTPServer.with(greeting: "220 quiet.test ESMTP\r\n") { server in
            let error = try await Self.sendError(
                try Self.client("smtp://127.0.0.1:\(server.port)", replyTimeout: .milliseconds(200)))
            #expect(error.kind == .timedOut)
            #expect(error.command == "EHLO")
        }
    }

    @Test("a relay that sends something other than SMTP replies gives a malformed-reply error")
    func garbage() async throws {
        try await ScriptedSMTPServer.with(greeting: "HTTP/1.1 400 Bad Request\r\n\r\n") { server in
            let error = try await Self.sendError(try Self.client("smtp://127.0.0.1:\(server.port)"))
            #expect(error.kind == .malformedReply)
        }
    }

    @Test("a relay that closes the connection mid-conversation gives a connection-closed error")
    func closesEarly() async throws {
        try await ScriptedSMTPServer.with(greeting: "220 x ESMTP\r\n", answer: { _ in .close }) { server in
            let error = try await Self.sendError(try Self.client("smtp://127.0.0.1:\(server.port)"))
            #expect(error.kind == .connectionClosed)
            #expect(error.command == "EHLO")
        }
    }

    @Test("a relay shutting down (421) gives a refusal carrying its code and text")
    func shuttingDown() async throws {
        try await ScriptedSMTPServer.with(
            greeting: "220 x ESMTP\r\n", answer: { _ in .reply("421 4.3.2 shutting down\r\n") }
        ) { server in
            let error = try await Self.sendError(try Self.client("smtp://127.0.0.1:\(server.port)"))
            #expect(error.kind == .rejected)
            #expect(error.replyCode == 421)
            #expect(error.serverText == "4.3.2 shutting down")
        }
    }

    @Test("a greeting other than 220 is a refusal carrying the relay's code and text")
    func refusedGreeting() async throws {
        try await ScriptedSMTPServer.with(
            greeting: "554 5.7.1 no service for you\r\n", answer: { $0 == "QUIT" ? .reply("221 bye\r\n") : .nothing }
        ) { server in
            let error = try await Self.sendError(try Self.client("smtp://127.0.0.1:\(server.port)"))
            #expect(error.kind == .rejected)
            #expect(error.replyCode == 554)
            #expect(error.command == "the greeting")
        }
    }

    @Test("bytes pushed after the relay agrees to STARTTLS are refused instead of read as if they came over TLS")
    func startTLSInjection() async throws {
        try await ScriptedSMTPServer.with(
            greeting: "220 x ESMTP\r\n",
            answer: { line in
                switch line {
                case let ehlo where ehlo.hasPrefix("EHLO"): .reply("250-x\r\n250 STARTTLS\r\n")
                case "STARTTLS": .reply("220 go ahead\r\n250 injected\r\n")
                default: .nothing
                }
            }
        ) { server in
            let error = try await Self.sendError(try Self.client("smtp+starttls://127.0.0.1:\(server.port)"))
            #expect(error.kind == .tlsFailed)
            #expect(error.description.contains("sent data after agreeing to STARTTLS"))
        }
    }

    @Test("credentials for a plain connection to another machine are refused before connecting")
    func insecureAuthentication() async throws {
        // relay.example.org is never contacted: the check comes first.
        let error = try await Self.sendError(try Self.client("smtp://alerts:secret-pass@relay.example.org"))
        #expect(error.kind == .insecureAuthentication)
        #expect(!error.description.contains("secret-pass"))
    }
}

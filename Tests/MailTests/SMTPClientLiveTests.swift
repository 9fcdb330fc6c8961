import Foundation
import NIOSSL
import Testing

@testable import Mail

/// The client against a real SMTP server (aiosmtpd) on this machine; one at a time, since each test starts a
/// Python process and two cores are better spent on those one by one.
@Suite("SMTP client against a real SMTP sink", SMTPSink.trait, .serialized)
struct SMTPClientLiveTests {
    static func client(_ url: String, trustTestCA: Bool = false) throws -> SMTPClient {
        var configuration = SMTPClient.Configuration(relay: try SMTPRelayURL(url))
        if trustTestCA {
            let ca = try TestTLSMaterial.paths().ca
            configuration.tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
        }
        return SMTPClient(configuration: configuration)
    }

    /// The sink's certificate and key, made at test time (never committed).
    static func certificateOptions() throws -> [String] {
        let material = try TestTLSMaterial.paths()
        return [material.certificate, material.key]
    }

    static func alert(
        to: [String] = ["lead@example.org"], subject: String = "Dose alert", body: String = "An alert.\n"
    ) throws -> MailMessage {
        try MailMessage(from: "alerts@example.org", to: to, subject: subject, body: body)
    }

    @Test("a message arrives with its envelope, headers and body, the dot-stuffing undone")
    func delivers() async throws {
        let body = "Dear lead,\n.\n..two dots\n.one dot\nWearer Ŵyn: 1.2 mSv.\nend"
        let subject = "Dose alert ☢ investigation level reached"
        try await SMTPSink.with { sink in
            // setup
            let client = try Self.client("smtp://127.0.0.1:\(sink.port)")
            let message = try Self.alert(to: ["lead@example.org", "deputy@example.org"], subject: subject, body: body)
            // MUT
            try await client.send(message)
            // validate
            let received = try sink.received()
            try #require(received.count == 1)
            let mail = received[0]
            #expect(mail.mailFrom == "alerts@example.org")
            #expect(mail.rcptTos == ["lead@example.org", "deputy@example.org"])
            #expect(mail.mailOptions == ["BODY=8BITMIME"])
            #expect(mail.ehlo == "[127.0.0.1]")
            #expect(!mail.tls)
            let headers = mail.headers
            #expect(headers["from"] == "alerts@example.org")
            #expect(headers["to"] == "lead@example.org, deputy@example.org")
            #expect(headers["subject"].map(MailMessageTests.decodeEncodedWords) == subject)
            #expect(headers["mime-version"] == "1.0")
            #expect(headers["content-type"] == "text/plain; charset=utf-8")
            #expect(headers["content-transfer-encoding"] == "8bit")
            #expect(headers["message-id"]?.hasSuffix("@example.org>") == true)
            #expect(headers["date"]?.hasSuffix(" +0000") == true)
            #expect(mail.body == body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        }
    }

    @Test("each send is its own connection, and messages sent one after another all arrive")
    func severalMessages() async throws {
        try await SMTPSink.with { sink in
            let client = try Self.client("smtp://127.0.0.1:\(sink.port)")
            for index in 1...3 { try await client.send(try Self.alert(subject: "Alert \(index)")) }
            #expect(try sink.received().map { $0.headers["subject"] } == ["Alert 1", "Alert 2", "Alert 3"])
        }
    }

    @Test("a relay that refuses a recipient with 550 gives a typed error with the code and text, and nothing is sent")
    func refusedRecipient() async throws {
        try await SMTPSink.with(["--reject-rcpt", "gone@example.org"]) { sink in
            let client = try Self.client("smtp://127.0.0.1:\(sink.port)")
            let message = try Self.alert(to: ["lead@example.org", "gone@example.org"], body: "Secret body text.\n")
            let error = await #expect(throws: SMTPError.self) { try await client.send(message) }
            #expect(error?.kind == .rejected)
            #expect(error?.replyCode == 550)
            #expect(error?.command == "RCPT TO")
            #expect(error?.serverText == "5.1.1 mailbox unavailable")
            #expect(error.map { !$0.description.contains("Secret body") } == true)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("a relay that knows only HELO still gets the message")
    func heloFallback() async throws {
        try await SMTPSink.with(["--no-ehlo"]) { sink in
            try await Self.client("smtp://127.0.0.1:\(sink.port)").send(try Self.alert(body: "Plain ASCII.\n"))
            let received = try sink.received()
            #expect(received.map(\.ehlo) == ["[127.0.0.1]"])
            #expect(received.first?.mailOptions == [])
        }
    }

    @Test(
        "credentials in the URL log in with AUTH PLAIN, or AUTH LOGIN when that is all the relay offers",
        arguments: ["PLAIN", "LOGIN"])
    func authenticates(_ mechanism: String) async throws {
        try await SMTPSink.with(["--auth", "alerts:pa ss@word", "--auth-only", mechanism]) { sink in
            let client = try Self.client("smtp://alerts:pa%20ss%40word@127.0.0.1:\(sink.port)")
            try await client.send(try Self.alert())
            #expect(try sink.received().map(\.authLogin) == ["alerts"])
        }
    }

    @Test("a wrong password is a refusal of AUTH carrying the relay's code")
    func wrongPassword() async throws {
        try await SMTPSink.with(["--auth", "alerts:right"]) { sink in
            let client = try Self.client("smtp://alerts:wrong@127.0.0.1:\(sink.port)")
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.alert()) }
            #expect(error?.kind == .rejected)
            #expect(error?.replyCode == 535)
            #expect(error?.command == "AUTH PLAIN")
            #expect(error.map { !$0.description.contains("wrong") } == true)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("smtp+starttls upgrades to TLS before logging in and sending")
    func startTLS() async throws {
        try await SMTPSink.with(["--starttls"] + (try Self.certificateOptions()) + ["--auth", "alerts:secret"]) {
            sink in
            let client = try Self.client("smtp+starttls://alerts:secret@127.0.0.1:\(sink.port)", trustTestCA: true)
            try await client.send(try Self.alert())
            let received = try sink.received()
            #expect(received.map(\.tls) == [true])
            #expect(received.map(\.authLogin) == ["alerts"])
        }
    }

    @Test("smtps speaks TLS from the first byte")
    func implicitTLS() async throws {
        try await SMTPSink.with(["--smtps"] + (try Self.certificateOptions())) { sink in
            try await Self.client("smtps://127.0.0.1:\(sink.port)", trustTestCA: true).send(try Self.alert())
            #expect(try sink.received().map(\.tls) == [true])
        }
    }

    @Test(
        "a relay certificate that is not trusted stops the send before anything is sent",
        arguments: ["smtps", "smtp+starttls"])
    func untrustedCertificate(_ scheme: String) async throws {
        let options =
            scheme == "smtps"
            ? ["--smtps"] + (try Self.certificateOptions()) : ["--starttls"] + (try Self.certificateOptions())
        try await SMTPSink.with(options) { sink in
            // The system's trust roots, which do not include the test CA.
            let client = try Self.client("\(scheme)://127.0.0.1:\(sink.port)")
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.alert()) }
            #expect(error?.kind == .tlsFailed)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test("smtp+starttls refuses to go on in clear when the relay does not offer STARTTLS")
    func startTLSUnavailable() async throws {
        try await SMTPSink.with { sink in
            let client = try Self.client("smtp+starttls://127.0.0.1:\(sink.port)")
            let error = await #expect(throws: SMTPError.self) { try await client.send(try Self.alert()) }
            #expect(error?.kind == .tlsUnavailable)
            #expect(try sink.received().isEmpty)
        }
    }
}

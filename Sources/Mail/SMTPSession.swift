import Foundation
import NIOCore
import NIOSSL

/// One conversation with the relay, from its greeting to QUIT, over a connected channel.
struct SMTPSession {
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let writer: NIOAsyncChannelOutboundWriter<SMTPCommand>
    let relay: SMTPRelayURL
    let clientName: String

    mutating func deliver(_ message: MailMessage) async throws {
        do {
            try await transaction(message)
        } catch let error as SMTPError where error.kind == .rejected {
            // The connection is still good after a refusal: end it the way RFC 5321 §4.1.1.10 asks.
            _ = try? await command(.quit)
            throw error
        }
        _ = try? await command(.quit)
    }

    private mutating func transaction(_ message: MailMessage) async throws {
        try await expect(reply(to: "the greeting"), "the greeting", codes: [220])
        var extensions = try await hello()
        if relay.security == .startTLS {
            guard let announced = extensions, announced.contains("STARTTLS") else {
                throw SMTPError(
                    .tlsUnavailable, command: "STARTTLS", detail: "the SMTP relay does not offer STARTTLS")
            }
            try await expect(command(.startTLS), "STARTTLS", codes: [220])
            // RFC 3207 §4.2: what was learnt before TLS is forgotten; the relay is asked again over TLS.
            extensions = try await hello(allowHELO: false)
        }
        if let credentials = relay.credentials {
            try await authenticate(credentials, mechanisms: extensions?.authMechanisms ?? [])
        }
        let eightBitMIME = extensions?.contains("8BITMIME") ?? false
        let rendered = message.rendered(
            date: Date(), messageID: message.makeMessageID(), eightBitMIME: eightBitMIME)
        try await expect(
            command(.mailFrom(message.from, eightBitMIME: message.needsEightBitMIME(eightBitMIME: eightBitMIME))),
            "MAIL FROM", codes: 250...250)
        for recipient in message.to {
            try await expect(command(.rcptTo(recipient)), "RCPT TO", codes: 250...251)
        }
        try await expect(command(.data), "DATA", codes: [354])
        try await expect(command(.content(rendered)), "the end of the message data", codes: 250...250)
    }

    /// EHLO, or HELO when the relay does not know EHLO; the extensions announced, nil after HELO.
    private mutating func hello(allowHELO: Bool = true) async throws -> SMTPExtensions? {
        let reply = try await command(.ehlo(clientName))
        if reply.code == 250 { return SMTPExtensions(ehloReply: reply) }
        // RFC 5321 §3.2: a server that does not know EHLO answers 500, 502 or 504.
        guard allowHELO, [500, 502, 504].contains(reply.code) else { throw SMTPError.rejected("EHLO", reply) }
        try await expect(command(.helo(clientName)), "HELO", codes: 250...250)
        return nil
    }

    // RFC 4954 with PLAIN (RFC 4616) preferred, LOGIN for relays that offer only that.
    private mutating func authenticate(_ credentials: SMTPRelayURL.Credentials, mechanisms: Set<String>) async throws {
        if mechanisms.contains("PLAIN") {
            let response = Self.base64([0] + Array(credentials.user.utf8) + [0] + Array(credentials.password.utf8))
            try await expect(command(.authPlain(response)), "AUTH PLAIN", codes: [235])
        } else if mechanisms.contains("LOGIN") {
            try await expect(command(.authLogin), "AUTH LOGIN", codes: [334])
            try await expect(
                command(.authResponse(Self.base64(Array(credentials.user.utf8)))), "AUTH LOGIN", codes: [334])
            try await expect(
                command(.authResponse(Self.base64(Array(credentials.password.utf8)))), "AUTH LOGIN", codes: [235])
        } else {
            throw SMTPError(
                .authenticationUnavailable, command: "AUTH",
                detail: "the SMTP relay URL has credentials but the relay offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    private func expect(_ reply: SMTPReply, _ command: String, codes: some Collection<Int>) throws {
        guard codes.contains(reply.code) else { throw SMTPError.rejected(command, reply) }
    }

    /// Writes `command` and reads its reply.
    private mutating func command(_ command: SMTPCommand) async throws -> SMTPReply {
        do {
            try await writer.write(command)
        } catch {
            // The handler may have closed the channel with the real reason (a timeout, a bad reply): reading
            // surfaces it; otherwise the connection is gone.
            if case let reason as SMTPError = error { throw reason }
        }
        return try await reply(to: command.name)
    }

    private mutating func reply(to command: String) async throws -> SMTPReply {
        do {
            guard let reply = try await replies.next() else { throw SMTPError.connectionClosed(waitingFor: command) }
            return reply
        } catch let error as SMTPError {
            throw error
        } catch let error as NIOSSLError {
            throw SMTPError(.tlsFailed, command: command, detail: "TLS with the SMTP relay failed: \(error)")
        } catch let error as BoringSSLError {
            throw SMTPError(.tlsFailed, command: command, detail: "TLS with the SMTP relay failed: \(error)")
        } catch {
            throw SMTPError(
                .connectionClosed, command: command,
                detail: "the connection to the SMTP relay failed before it answered \(command): \(error)")
        }
    }

    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

// A hand-written SMTP client (RFC 5321, with RFC 3207 STARTTLS and RFC 4954 AUTH PLAIN/LOGIN): the package
// mirror has no SMTP client library, and sending one plain-text alert at a time needs only this much.
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers mail to an SMTP relay: one connection per message, EHLO (HELO when EHLO is refused), STARTTLS or
/// implicit TLS as the relay URL says, AUTH when it has credentials, then MAIL FROM, RCPT TO for each
/// recipient, DATA and QUIT.
public struct SMTPClient: MailSender {
    /// Where to send and how long to wait.
    public struct Configuration: Sendable {
        public var relay: SMTPRelayURL
        /// How long opening the TCP connection may take; a TLS handshake counts against ``replyTimeout``.
        public var connectTimeout: Duration = .seconds(30)
        /// How long the relay may take over each reply, TLS handshakes included.
        public var replyTimeout: Duration = .seconds(30)
        /// The TLS settings for `smtps://` and `smtp+starttls://`: by default the system's trust roots and full
        /// certificate and host name verification.
        public var tls: TLSConfiguration = .makeClientConfiguration()

        public init(relay: SMTPRelayURL) {
            self.relay = relay
        }
    }

    public let configuration: Configuration
    private let eventLoopGroup: any EventLoopGroup

    public init(
        configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends `message` to every recipient, or throws an ``SMTPError`` saying which step failed.
    public func send(_ message: MailMessage) async throws {
        let relay = configuration.relay
        if relay.credentials != nil && !relay.security.usesTLS && !relay.isLoopback {
            throw SMTPError(
                .insecureAuthentication,
                detail: "the SMTP relay URL has credentials but no TLS (use smtps:// or smtp+starttls://)")
        }
        let channel = try await connect()
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(
                replies: inbound.makeAsyncIterator(), writer: outbound, relay: relay,
                clientName: Self.addressLiteral(channel.channel.localAddress))
            try await session.deliver(message)
        }
    }

    private func connect() async throws -> NIOAsyncChannel<SMTPReply, SMTPCommand> {
        let relay = configuration.relay
        let replyTimeout = configuration.replyTimeout
        let sslContext: NIOSSLContext?
        do {
            sslContext = relay.security.usesTLS ? try NIOSSLContext(configuration: configuration.tls) : nil
        } catch {
            throw SMTPError(.tlsFailed, detail: "could not set up TLS for the SMTP relay: \(error)")
        }
        // SNI and certificate checks use the host name; for an IP address NIOSSL checks the certificate's IP
        // entries against the connected address instead.
        let serverHostname = (try? SocketAddress(ipAddress: relay.host, port: 0)) == nil ? relay.host : nil
        do {
            return try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.nanoseconds(configuration.connectTimeout.nanoseconds))
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        var startTLS: SMTPClientHandler.StartTLS?
                        if let sslContext {
                            switch relay.security {
                            case .implicitTLS:
                                try pipeline.addHandler(
                                    NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname))
                            case .startTLS:
                                startTLS = .init(context: sslContext, serverHostname: serverHostname)
                            case .plain:
                                break
                            }
                        }
                        try pipeline.addHandler(SMTPClientHandler(replyTimeout: replyTimeout, startTLS: startTLS))
                        return try NIOAsyncChannel<SMTPReply, SMTPCommand>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout {
            throw SMTPError(
                .timedOut, command: "connect",
                detail: "could not connect to the SMTP relay \(relay.host):\(relay.port) "
                    + "within \(configuration.connectTimeout.formattedSeconds)")
        } catch let error as NIOConnectionError {
            let reason = error.connectionErrors.first.map { "\($0.error)" } ?? error.dnsAError.map { "\($0)" }
            throw SMTPError(
                .connectionFailed,
                detail: "could not connect to the SMTP relay \(relay.host):\(relay.port): \(reason ?? "\(error)")")
        } catch {
            throw SMTPError(
                .connectionFailed, detail: "could not connect to the SMTP relay \(relay.host):\(relay.port): \(error)")
        }
    }

    // RFC 5321 §4.1.4: without a fully qualified name of its own, a client greets with its address literal.
    static func addressLiteral(_ address: SocketAddress?) -> String {
        switch address {
        case .v4(let v4)?: "[\(v4.host)]"
        case .v6?: address?.ipAddress.map { "[IPv6:\($0)]" } ?? "[127.0.0.1]"
        default: "[127.0.0.1]"
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

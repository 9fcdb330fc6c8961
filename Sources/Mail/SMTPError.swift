/// Why a message was not delivered to the relay.
///
/// ``kind`` says what went wrong (compare with `==` against the static members); when the relay refused a
/// command, ``reply`` holds its code and text and ``command`` names the command (never its argument). The
/// description never contains the message, the password or the recipients' addresses.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a struct over a private enum so that kinds can be added without breaking callers.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connectionFailed = "connection failed"
            case timedOut = "timed out"
            case connectionClosed = "connection closed"
            case rejected = "rejected"
            case malformedReply = "malformed reply"
            case tlsUnavailable = "TLS unavailable"
            case tlsFailed = "TLS failed"
            case authenticationUnavailable = "authentication unavailable"
            case insecureAuthentication = "insecure authentication"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The relay could not be reached: refused, unreachable, or its name does not resolve.
        public static let connectionFailed = Kind(.connectionFailed)
        /// Connecting, or waiting for a reply, took longer than the configured timeout.
        public static let timedOut = Kind(.timedOut)
        /// The relay closed the connection before replying.
        public static let connectionClosed = Kind(.connectionClosed)
        /// The relay answered a command with a reply other than the one expected (4xx, 5xx, or the wrong 2xx/3xx).
        public static let rejected = Kind(.rejected)
        /// The relay sent something that is not an SMTP reply, or more of it than any reply needs.
        public static let malformedReply = Kind(.malformedReply)
        /// The URL asks for STARTTLS and the relay does not offer it.
        public static let tlsUnavailable = Kind(.tlsUnavailable)
        /// The TLS handshake failed, for example because the relay's certificate is not trusted.
        public static let tlsFailed = Kind(.tlsFailed)
        /// The URL has credentials and the relay offers neither AUTH PLAIN nor AUTH LOGIN.
        public static let authenticationUnavailable = Kind(.authenticationUnavailable)
        /// The URL has credentials for a plain connection to another machine: they would cross the network in clear.
        public static let insecureAuthentication = Kind(.insecureAuthentication)

        public var description: String { base.rawValue }
    }

    public let kind: Kind
    /// The command being answered, such as `RCPT TO` or `DATA`, when there was one.
    public let command: String?
    /// The relay's reply, for ``Kind/rejected``.
    public let reply: SMTPReply?
    private let detail: String

    init(_ kind: Kind, command: String? = nil, reply: SMTPReply? = nil, detail: String) {
        self.kind = kind
        self.command = command
        self.reply = reply
        self.detail = detail
    }

    /// The relay's reply code, for ``Kind/rejected``.
    public var replyCode: Int? { reply?.code }

    /// The relay's text, for ``Kind/rejected``.
    public var serverText: String? { reply?.text }

    public var description: String { detail }

    static func rejected(_ command: String, _ reply: SMTPReply) -> SMTPError {
        SMTPError(.rejected, command: command, reply: reply, detail: "the SMTP relay refused \(command): \(reply)")
    }

    static func malformedReply(_ reason: String) -> SMTPError {
        SMTPError(.malformedReply, detail: "the SMTP relay sent a malformed reply: \(reason)")
    }

    static func timedOut(waitingFor command: String, after timeout: Duration) -> SMTPError {
        SMTPError(
            .timedOut, command: command,
            detail: "the SMTP relay did not answer \(command) within \(timeout.formattedSeconds)")
    }

    static func connectionClosed(waitingFor command: String) -> SMTPError {
        SMTPError(
            .connectionClosed, command: command,
            detail: "the SMTP relay closed the connection before answering \(command)")
    }
}

extension Duration {
    /// `30 s`, `0.25 s`.
    var formattedSeconds: String {
        let (seconds, attoseconds) = components
        guard attoseconds != 0 else { return "\(seconds) s" }
        return "\(Double(seconds) + Double(attoseconds) / 1e18) s"
    }
}

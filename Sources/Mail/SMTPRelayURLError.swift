/// Why a relay URL was refused. Descriptions name the part at fault, never the URL's text.
public struct SMTPRelayURLError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case empty, tooLong, invalidCharacters, unsupportedScheme, unexpectedPath, invalidCredentials,
            missingPassword, invalidPercentEncoding, invalidHost, invalidPort
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The URL is empty.
    public static let empty = SMTPRelayURLError(.empty)
    /// The URL is longer than any relay URL needs to be.
    public static let tooLong = SMTPRelayURLError(.tooLong)
    /// The URL holds a space, a control character or raw non-ASCII, or a percent-escape decodes to NUL, CR or LF.
    public static let invalidCharacters = SMTPRelayURLError(.invalidCharacters)
    /// The scheme is not `smtp`, `smtps` or `smtp+starttls`, or `://` is missing.
    public static let unsupportedScheme = SMTPRelayURLError(.unsupportedScheme)
    /// The URL has a path, query or fragment; a relay URL has none.
    public static let unexpectedPath = SMTPRelayURLError(.unexpectedPath)
    /// The user part is empty, or an unescaped `@` appears in it.
    public static let invalidCredentials = SMTPRelayURLError(.invalidCredentials)
    /// A user is given without a password.
    public static let missingPassword = SMTPRelayURLError(.missingPassword)
    /// A `%` is not followed by two hexadecimal digits, or the decoded bytes are not UTF-8.
    public static let invalidPercentEncoding = SMTPRelayURLError(.invalidPercentEncoding)
    /// The host is missing or is not a DNS name, an IPv4 address or a bracketed IPv6 address.
    public static let invalidHost = SMTPRelayURLError(.invalidHost)
    /// The port is not a number from 1 to 65535.
    public static let invalidPort = SMTPRelayURLError(.invalidPort)

    public var description: String {
        let expected = "expected smtp://, smtps:// or smtp+starttls://[user:password@]host[:port]"
        let reason =
            switch code {
            case .empty: "the relay URL is empty"
            case .tooLong: "the relay URL is longer than \(SMTPRelayURL.maximumLength) characters"
            case .invalidCharacters: "the relay URL contains spaces, control characters or non-ASCII characters"
            case .unsupportedScheme: "the relay URL's scheme is not smtp, smtps or smtp+starttls"
            case .unexpectedPath: "the relay URL has a path, query or fragment"
            case .invalidCredentials: "the relay URL's user is empty or contains an unescaped @ (write %40)"
            case .missingPassword: "the relay URL names a user without a password"
            case .invalidPercentEncoding: "the relay URL's user or password has a bad %-escape or is not UTF-8"
            case .invalidHost: "the relay URL's host is not a host name, IPv4 address or [IPv6] address"
            case .invalidPort: "the relay URL's port is not a number from 1 to 65535"
            }
        return "\(reason) (\(expected))"
    }
}

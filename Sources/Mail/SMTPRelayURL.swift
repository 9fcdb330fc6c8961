/// Where and how to hand mail to the relay: `smtp://[user:password@]host[:port]` (plain, port 25),
/// `smtp+starttls://…` (STARTTLS required, port 587) or `smtps://…` (TLS from the first byte, port 465).
///
/// The password never appears in ``description``, ``debugDescription``, `dump` or any error.
public struct SMTPRelayURL: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// How the connection to the relay is protected.
    public enum Security: String, Hashable, Sendable, CaseIterable {
        /// No TLS (`smtp://`).
        case plain = "smtp"
        /// A plain connection upgraded with STARTTLS before anything else is sent (`smtp+starttls://`).
        case startTLS = "smtp+starttls"
        /// TLS from the first byte (`smtps://`).
        case implicitTLS = "smtps"

        /// The port used when the URL names none.
        public var defaultPort: Int {
            switch self {
            case .plain: 25
            case .startTLS: 587
            case .implicitTLS: 465
            }
        }

        /// Whether the connection is encrypted before any credentials or mail are sent.
        public var usesTLS: Bool { self != .plain }
    }

    /// A user name and password for SMTP AUTH, percent-decoded.
    public struct Credentials: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
        public let user: String
        public let password: String

        public var description: String { "\(user):***" }
        public var customMirror: Mirror { Mirror(self, children: ["user": user, "password": "***"]) }
    }

    public let security: Security
    /// The host name (lower case) or IP address, without brackets for IPv6.
    public let host: String
    public let port: Int
    /// Present when the URL carries `user:password@`.
    public let credentials: Credentials?

    // Far longer than any real relay URL; checked first so hostile input costs no more than this.
    static let maximumLength = 2_048

    /// Parses `text`; errors name the part at fault but never repeat the input, which may hold a password.
    public init(_ text: String) throws(SMTPRelayURLError) {
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong }
        // Printable ASCII only: no spaces, control characters (CR, LF, NUL) or raw non-ASCII anywhere.
        guard text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { throw .invalidCharacters }
        guard let separator = text.firstRange(of: "://") else { throw .unsupportedScheme }
        guard let security = Security(rawValue: text[..<separator.lowerBound].lowercased()) else {
            throw .unsupportedScheme
        }
        var authority = text[separator.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.contains(where: { "/?#".contains($0) }) else { throw .unexpectedPath }

        let hostAndPort: Substring
        let credentials: Credentials?
        let atSigns = authority.filter { $0 == "@" }.count
        switch atSigns {
        case 0:
            hostAndPort = authority
            credentials = nil
        case 1:
            guard let at = authority.firstIndex(of: "@") else { throw .invalidCredentials }
            credentials = try Self.credentials(authority[..<at])
            hostAndPort = authority[authority.index(after: at)...]
        default:
            // An `@` inside a user name or password must be written `%40`.
            throw .invalidCredentials
        }
        let (host, port) = try Self.hostAndPort(hostAndPort)
        self.security = security
        self.host = host
        self.port = port ?? security.defaultPort
        self.credentials = credentials
    }

    /// Whether the relay is this machine (`localhost`, 127.0.0.0/8 or `::1`), where a plain connection is private.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The URL with the password replaced by `***`.
    public var description: String {
        let user = credentials.map { "\(Self.percentEncoded($0.user)):***@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(security.rawValue)://\(user)\(host):\(port)"
    }

    public var debugDescription: String { "SMTPRelayURL(\(description))" }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["security": security, "host": host, "port": port, "credentials": credentials as Any])
    }

    private static func credentials(_ userInfo: Substring) throws(SMTPRelayURLError) -> Credentials {
        let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .missingPassword }
        let user = try percentDecoded(parts[0])
        let password = try percentDecoded(parts[1])
        guard !user.isEmpty else { throw .invalidCredentials }
        guard !password.isEmpty else { throw .missingPassword }
        return Credentials(user: user, password: password)
    }

    private static func hostAndPort(_ text: Substring) throws(SMTPRelayURLError) -> (String, Int?) {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty {
                portText = nil
            } else if rest.hasPrefix(":") {
                portText = rest.dropFirst()
            } else {
                throw .invalidHost
            }
            guard isIPv6Literal(host) else { throw .invalidHost }
        } else {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            guard isHostName(host) else { throw .invalidHost }
        }
        guard let portText else { return (host.lowercased(), nil) }
        // Digits only: no sign, no spaces, and at most 5 of them so the conversion cannot overflow.
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(portText), (1...65_535).contains(port)
        else { throw .invalidPort }
        return (host.lowercased(), port)
    }

    // A DNS name or dotted IPv4 address: labels of letters, digits and inner hyphens, 1–63 characters each.
    private static func isHostName(_ host: Substring) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    // Hexadecimal groups separated by colons (with `::` at most once), optionally ending in dotted IPv4.
    private static func isIPv6Literal(_ host: Substring) -> Bool {
        guard (2...45).contains(host.count), host.contains(":"),
            host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
        else { return false }
        let compressions = host.ranges(of: "::").count
        guard compressions <= 1, !host.contains(":::") else { return false }
        let groups = host.split(separator: ":", omittingEmptySubsequences: true)
        guard groups.count <= 8 else { return false }
        for (index, group) in groups.enumerated() {
            if group.contains(".") {
                let octets = group.split(separator: ".", omittingEmptySubsequences: false)
                guard index == groups.count - 1, octets.count == 4, octets.allSatisfy({ UInt8($0) != nil })
                else { return false }
            } else if group.count > 4 {
                return false
            }
        }
        return compressions == 1 || groups.count == 8 || (groups.count == 7 && host.contains("."))
    }

    // RFC 3986 percent-decoding into UTF-8; NUL, CR and LF are refused because AUTH PLAIN separates its fields
    // with NUL and a line break could end an SMTP command early.
    private static func percentDecoded(_ text: Substring) throws(SMTPRelayURLError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .invalidPercentEncoding
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .invalidPercentEncoding }
        guard !bytes.contains(where: { $0 == 0 || $0 == 0x0D || $0 == 0x0A }) else { throw .invalidCharacters }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let unreserved =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~".utf8.contains(byte)
            if unreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

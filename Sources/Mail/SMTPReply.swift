/// One SMTP reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    /// The reply code, 200–599.
    public let code: Int
    /// The text of each line, without the code, separator and line ending; bytes that are not UTF-8 or are
    /// control characters are shown as U+FFFD.
    public let lines: [String]

    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { (200...299).contains(code) }
    /// 3xx: go on (after DATA, or between AUTH steps).
    public var isPositiveIntermediate: Bool { (300...399).contains(code) }

    /// The text, lines joined with a space.
    public var text: String { lines.joined(separator: " ") }

    public var description: String { "\(code) \(text)" }
}

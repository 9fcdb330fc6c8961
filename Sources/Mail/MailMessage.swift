/// A plain-text e-mail: one sender, one or more recipients, a subject and a body.
///
/// Everything is checked when the message is made, so rendering and sending cannot be steered by its values:
/// addresses are plain `local@domain`, and the subject holds no line break or other control character.
public struct MailMessage: Hashable, Sendable {
    public let from: MailAddress
    public let to: [MailAddress]
    public let subject: String
    /// The text; any mix of CRLF, LF and CR line endings is sent as CRLF.
    public let body: String

    /// RFC 5321 §4.5.3.1.8: the number of recipients every relay must accept for one message.
    public static let maximumRecipients = 100
    /// Far beyond a useful subject; the header is folded, so any length up to this renders legally.
    public static let maximumSubjectLength = 2_000
    /// Alerts are short; a body this size is a mistake, not a notification.
    public static let maximumBodyBytes = 1 << 20

    /// Checks and makes a message.
    public init(from: MailAddress, to: [MailAddress], subject: String, body: String) throws(MailMessageError) {
        guard !to.isEmpty else { throw .noRecipients }
        guard to.count <= Self.maximumRecipients else { throw .tooManyRecipients }
        guard subject.utf8.count <= Self.maximumSubjectLength, !subject.unicodeScalars.contains(where: Self.isControl)
        else { throw .invalidSubject }
        guard body.utf8.count <= Self.maximumBodyBytes else { throw .bodyTooLarge }
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }

    /// Checks the addresses as well, and makes a message.
    public init(from: String, to: [String], subject: String, body: String) throws(MailMessageError) {
        var recipients: [MailAddress] = []
        for address in to { recipients.append(try MailAddress(address)) }
        try self.init(from: try MailAddress(from), to: recipients, subject: subject, body: body)
    }

    // C0 controls (CR, LF, NUL, TAB…), DEL and C1 controls (NEL): any of them in a header is either an injection
    // attempt or something a mail client may show as a line break.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

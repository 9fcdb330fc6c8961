/// Why a message could not be built. Descriptions name the field, never its value.
public struct MailMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidAddress, noRecipients, tooManyRecipients, invalidSubject, bodyTooLarge
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// An address is not a plain `local@domain` (ASCII dot-atom local part, DNS domain).
    public static let invalidAddress = MailMessageError(.invalidAddress)
    /// The message has no recipient.
    public static let noRecipients = MailMessageError(.noRecipients)
    /// The message has more recipients than a relay must accept for one message (RFC 5321 §4.5.3.1.8).
    public static let tooManyRecipients = MailMessageError(.tooManyRecipients)
    /// The subject holds a line break or another control character (header injection), or is too long.
    public static let invalidSubject = MailMessageError(.invalidSubject)
    /// The body is larger than this sender accepts.
    public static let bodyTooLarge = MailMessageError(.bodyTooLarge)

    public var description: String {
        switch code {
        case .invalidAddress: "an e-mail address is not a plain local@domain address"
        case .noRecipients: "the message has no recipient"
        case .tooManyRecipients: "the message has more than \(MailMessage.maximumRecipients) recipients"
        case .invalidSubject:
            "the subject contains a line break or control character, or is over \(MailMessage.maximumSubjectLength) characters"
        case .bodyTooLarge: "the body is over \(MailMessage.maximumBodyBytes) bytes"
        }
    }
}

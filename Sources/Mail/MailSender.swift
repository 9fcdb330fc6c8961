/// Sends e-mail. Services depend on this protocol, not on how mail leaves the machine.
public protocol MailSender: Sendable {
    /// Hands `message` to the mail system, returning once it has been accepted for every recipient.
    func send(_ message: MailMessage) async throws
}

import Logging
import Mail
import SievertServices

extension SievertRuntime {
    /// Sends the notices waiting in the outbox through the configured relay (`mail.relay.url`). Nil when no relay
    /// is configured: the notices keep waiting, nothing is lost.
    public func deliverMail() async throws -> MailDelivery? {
        guard let text = settings.mailRelayURL else { return nil }
        let relay: SMTPRelayURL
        do {
            relay = try SMTPRelayURL(text)
        } catch {
            // The URL may hold a password: say what is wrong with it, never what it is.
            throw ServiceError.invalid(field: "mail.relay.url", "\(error)")
        }
        return try await sievert.outbox.deliver(
            using: SMTPClient(configuration: .init(relay: relay)), by: .console(requestID: "mail"))
    }
}

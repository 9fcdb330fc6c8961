import DoseCore
import Foundation
import Logging
import Mail
import SievertStorage
import Vault

/// A message as kept in the outbox until it is sent.
struct OutboxMessage: Codable, Sendable, Hashable {
    var from: String
    var to: [String]
    var subject: String
    var body: String
}

/// What one delivery round did.
public struct MailDelivery: Sendable, Hashable {
    public var sent: Int
    public var failed: Int

    public init(sent: Int = 0, failed: Int = 0) {
        self.sent = sent
        self.failed = failed
    }
}

/// The mail outbox: notices are written in the same change set as what they tell of and sent afterwards by
/// `deliver`, so a notice is never sent for a change that was rolled back and never lost while the relay is
/// down. Each failed attempt is counted with the relay's reason; after `maximumAttempts` a message stays unsent
/// for an operator to look at (its reason is in the row and in the log, without the message).
public struct MailOutbox: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let clock: @Sendable () -> Date
    let logger: Logger

    /// Attempts before a message is left for an operator.
    public static let maximumAttempts = 10

    /// Why a send failed, kept in clear: the kind of failure, the command and the reply code only. A relay's
    /// reply text may echo a recipient's address, so it is never kept.
    static func reason(_ error: any Error) -> String {
        guard let smtp = error as? SMTPError else { return "not sent: \(type(of: error))" }
        // Built step by step: the optional-array form of this crashed the Swift 6.3 optimiser in release builds.
        var reason = "smtp \(smtp.kind)"
        if let command = smtp.command { reason += ", \(command)" }
        if let code = smtp.replyCode { reason += ", reply \(code)" }
        return reason
    }

    static func binding(_ organisation: OrganisationID, _ id: UUID) -> AssociatedData {
        AssociatedData(
            organisation: organisation.description, table: "mail_outbox", column: "message",
            row: id.uuidString.lowercased())
    }

    static func row(_ message: OutboxMessage, organisation: OrganisationID, sealer: Sealer, at now: Date) throws
        -> MailOutboxRow
    {
        let id = UUID()
        return MailOutboxRow(
            id: id, organisationID: organisation,
            sealedMessage: try sealer.seal(
                Array(try JSONEncoder().encode(message)), binding: binding(organisation, id)),
            createdAt: now)
    }

    /// Sends what is waiting, oldest first, at most `limit` messages, through `sender`. Only the service's own
    /// scope may send (it reads every organisation's outbox).
    @discardableResult
    public func deliver(using sender: any MailSender, limit: Int = 100, by caller: Caller) async throws -> MailDelivery
    {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service sends mail")
        }
        var delivery = MailDelivery()
        for var row in try await store.pendingMail(limit: limit, scope: caller.scope)
        where row.attempts < Self.maximumAttempts {
            let now = clock()
            row.attempts += 1
            do {
                let keyset = try await keys.organisationKeyset(row.organisationID, scope: caller.scope)
                let plain = try Sealer(keyset: keyset).open(
                    row.sealedMessage, binding: Self.binding(row.organisationID, row.id))
                let message = try JSONDecoder().decode(OutboxMessage.self, from: Data(plain))
                try await sender.send(
                    try MailMessage(from: message.from, to: message.to, subject: message.subject, body: message.body))
                row.sentAt = now
                row.lastError = nil
                delivery.sent += 1
            } catch {
                row.lastError = Self.reason(error)
                delivery.failed += 1
                logger.warning(
                    "mail not sent", metadata: ["mail": "\(row.id)", "attempts": "\(row.attempts)"])
            }
            var changes = ChangeSet()
            changes.mailUpdates = [row]
            if row.sentAt != nil {
                changes.auditEvents = [
                    AuditTrail.event(
                        caller, "mail.send", subject: nil, organisation: row.organisationID, purpose: "notification",
                        at: now, outcome: "mail=\(row.id)")
                ]
            }
            do {
                try await store.apply(changes, scope: caller.scope)
            } catch {
                throw ServiceError.from(error)
            }
        }
        return delivery
    }
}

import DoseCore
import Foundation
import SievertStorage

/// Builds accountability events. Events name ids, never personal values (DESIGN.md §Security 8).
enum AuditTrail {
    static func event(
        _ caller: Caller, _ action: String, subject: String?, organisation: OrganisationID?, purpose: String,
        at time: Date, outcome: String = "ok"
    ) -> AuditEventRow {
        event(
            actor: caller.actor, role: caller.role.rawValue, requestID: caller.requestID, action, subject: subject,
            organisation: organisation, purpose: purpose, at: time, outcome: outcome)
    }

    /// An event for a principal that is not (yet) a caller: an anonymous sign-in attempt, the service itself.
    static func event(
        actor: String, role: String, requestID: String, _ action: String, subject: String?,
        organisation: OrganisationID?, purpose: String, at time: Date, outcome: String = "ok"
    ) -> AuditEventRow {
        // Whole milliseconds: the ledger entry carries milliseconds, and both stores then keep the time exactly.
        AuditEventRow(
            occurredAt: Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000),
            actor: actor, role: role, action: action, subjectID: subject, organisationID: organisation,
            purpose: purpose, requestID: requestID, outcome: outcome)
    }
}

import DoseCore
import Foundation
import SievertStorage

/// Builds accountability events. Events name ids, never personal values (DESIGN.md §Security 8).
enum AuditTrail {
    static func event(
        _ caller: Caller, _ action: String, subject: String?, organisation: OrganisationID?, purpose: String,
        at time: Date, outcome: String = "ok"
    ) -> AuditEventRow {
        // Whole milliseconds: the ledger entry carries milliseconds, and both stores then keep the time exactly.
        AuditEventRow(
            occurredAt: Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000),
            actor: caller.actor, role: caller.role.rawValue, action: action, subjectID: subject,
            organisationID: organisation, purpose: purpose, requestID: caller.requestID, outcome: outcome)
    }
}

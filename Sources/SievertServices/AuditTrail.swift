import DoseCore
import Foundation
import SievertStorage

/// Builds accountability events. Events name ids, never personal values (DESIGN.md §Security 8).
enum AuditTrail {
    static func event(
        _ caller: Caller, _ action: String, subject: String?, organisation: OrganisationID?, purpose: String,
        at time: Date, outcome: String = "ok"
    ) -> AuditEventRow {
        AuditEventRow(
            occurredAt: time, actor: caller.actor, role: caller.role.rawValue, action: action, subjectID: subject,
            organisationID: organisation, purpose: purpose, requestID: caller.requestID, outcome: outcome)
    }
}

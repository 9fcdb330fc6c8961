import DoseCore
import Foundation
import Linkage
import SievertStorage

/// What planning decided, in counts.
public struct PlanSummary: Sendable, Codable, Hashable {
    /// Affected person records.
    public var records: Int
    /// Distinct people among them (dummies not counted).
    public var people: Int
    public var notify: Int
    public var notifyWithoutContact: Int
    public var deceased: Int
    public var unidentifiable: Int
    /// Affected records that are dummy, test or canary entries.
    public var dummies: Int
    /// Records merged into another record's person.
    public var duplicatesMerged: Int
}

extension IncidentService {
    /// Cleanses the affected records: every person of the affected organisations is decrypted and run through the
    /// breach cleanse (dummies, duplicates by record linkage, deceased, unidentifiable, current contact), and each
    /// affected record gets its person, disposition and contact record. Contacts are chosen only among records of
    /// the affected organisations: another controller's data is not used for this one's letters.
    public func plan(_ id: IncidentID, caller: Caller) async throws -> PlanSummary {
        try requireAdministrator(caller)
        let incident = try await load(id)
        guard incident.status != .closed else { throw ServiceError.conflict("the incident is closed") }
        let rows = try await store.incidentPeople(of: id, scope: caller.scope)
        guard !rows.isEmpty else { throw ServiceError.conflict("no one is in scope yet: scope the incident first") }
        var opened = OpenedPeople(service: self, caller: caller)
        let everyone = try await opened.everyone(of: Array(Set(rows.map(\.organisationID))))
        let result = Cleanse.run(everyone.map(\.linkage))
        var outcomes: [String: RecordOutcome] = [:]
        for outcome in result.outcomes { outcomes[outcome.recordID] = outcome }
        let now = clock()
        var changes = ChangeSet()
        var summary = PlanSummary(
            records: rows.count, people: 0, notify: 0, notifyWithoutContact: 0, deceased: 0, unidentifiable: 0,
            dummies: 0, duplicatesMerged: 0)
        var clusters: [String: Disposition] = [:]
        for var row in rows {
            guard let outcome = outcomes[row.personID.description] else { continue }
            row.disposition = outcome.disposition.rawValue
            row.cluster = outcome.personID
            row.contactPersonID = outcome.contactRecordID.flatMap(PersonID.init)
            if outcome.disposition == .notify {
                if row.delivery == LetterDelivery.notSent.rawValue { row.delivery = LetterDelivery.pending.rawValue }
            } else {
                row.delivery = LetterDelivery.notSent.rawValue
                row.deliveryAt = nil
            }
            row.updatedAt = now
            changes.incidentPeople.append(row)
            if outcome.disposition == .dummy {
                summary.dummies += 1
            } else {
                clusters[outcome.personID] = outcome.disposition
            }
        }
        summary.people = clusters.count
        summary.duplicatesMerged = rows.count - summary.dummies - clusters.count
        for (cluster, disposition) in clusters {
            switch disposition {
            case .notify:
                summary.notify += 1
                let contact = changes.incidentPeople.first { $0.cluster == cluster }?.contactPersonID
                if contact == nil { summary.notifyWithoutContact += 1 }
            case .deceased: summary.deceased += 1
            case .unidentifiable: summary.unidentifiable += 1
            case .dummy: break
            }
        }
        try await opened.audit()
        _ = try await append(
            .note,
            text: "Planned: \(summary.records) record(s) are \(summary.people) people; \(summary.notify) to notify "
                + "(\(summary.notifyWithoutContact) without a usable contact), \(summary.deceased) deceased, "
                + "\(summary.unidentifiable) unidentifiable, \(summary.dummies) dummy record(s).",
            to: incident, caller: caller, action: "incident.plan", extra: changes)
        return summary
    }
}

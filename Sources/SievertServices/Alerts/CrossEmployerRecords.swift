import DoseCore
import Foundation
import SievertStorage

/// The records of the people a limit check is about, with each person's records at other organisations: the
/// same NINO's blind index, confirmed by decrypting both NINOs (the index is truncated, so it collides on purpose).
struct CrossEmployerRecords {
    /// Every record to check, in a stable order: those asked for and their other records.
    var checked: [PersonID] = []
    var loaded: [PersonID: PeopleService.Loaded] = [:]
    /// For each record, the same person's records at other organisations.
    var linked: [PersonID: [PeopleService.Loaded]] = [:]

    static func load(
        _ personIDs: Set<PersonID>, people: PeopleService, store: any RecordStore, caller: Caller
    ) async throws -> CrossEmployerRecords {
        var records = CrossEmployerRecords()
        var queue = personIDs.sorted { $0.description < $1.description }
        var seen = Set(queue)
        while !queue.isEmpty {
            let personID = queue.removeFirst()
            let loaded = try await people.load(personID, caller: caller)
            records.loaded[personID] = loaded
            records.checked.append(personID)
            guard let index = loaded.record.person.ninoIndex, let nino = loaded.person.identity.nino else { continue }
            var others: [PeopleService.Loaded] = []
            for candidate in try await store.people(withNINOIndex: index, scope: caller.scope)
            where candidate.person.id != personID {
                let other = try await people.load(candidate.person.id, caller: caller)
                guard other.person.identity.nino == nino else { continue }
                others.append(other)
                if seen.insert(other.person.id).inserted { queue.append(other.person.id) }
            }
            records.linked[personID] = others
        }
        return records
    }

    /// `personID`'s dose entries with those of their other records, all counted as this person's.
    func entries(of personID: PersonID, store: any RecordStore, caller: Caller) async throws -> [DoseEntry] {
        guard let own = loaded[personID] else { return [] }
        var entries: [DoseEntry] = []
        for record in [own] + (linked[personID] ?? []) {
            let key = try record.codec.dataKey(record.record)
            for row in try await store.doseEntries(of: record.person.id, scope: caller.scope) {
                let entry = try DoseSealing.open(row, with: key)
                entries.append(
                    try DoseEntry(
                        id: entry.id, employmentID: entry.employmentID, personID: personID, period: entry.period,
                        quantity: entry.quantity, amount: entry.amount, belowReportingLevel: entry.belowReportingLevel,
                        kind: entry.kind, supersedes: entry.supersedes, recordedAt: entry.recordedAt))
            }
        }
        return entries
    }
}

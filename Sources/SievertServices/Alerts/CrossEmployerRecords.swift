import DoseCore
import Foundation
import SievertStorage
import Vault

/// The records of the people a limit check is about, with each person's records at other organisations: the
/// same NINO's blind index, confirmed by decrypting both NINOs (the index is truncated, so it collides on purpose).
struct CrossEmployerRecords {
    /// Every record to check, in a stable order: those asked for and their other records.
    var checked: [PersonID] = []
    var loaded: [PersonID: PeopleService.Loaded] = [:]
    /// For each record, the same person's records at other organisations.
    var linked: [PersonID: [PeopleService.Loaded]] = [:]

    /// Loads `personIDs` and, round by round, every record of the same people at other organisations, each round
    /// one read of the records and one of the NINO candidates: a lab batch touching a thousand wearers costs a few
    /// queries, not a few per wearer. A record in `known` whose stored form is unchanged is not opened again.
    static func load(
        _ personIDs: Set<PersonID>, people: PeopleService, store: any RecordStore, caller: Caller,
        known: [PersonID: PeopleService.Loaded] = [:]
    ) async throws -> CrossEmployerRecords {
        var records = CrossEmployerRecords()
        var round = personIDs.sorted { $0.description < $1.description }
        var seen = Set(round)
        while !round.isEmpty {
            let loaded = try await people.load(round, caller: caller, reusing: known)
            let asked = round.filter { loaded[$0] != nil }
            for personID in asked {
                records.loaded[personID] = loaded[personID]
                records.checked.append(personID)
            }
            let indexes = asked.compactMap { loaded[$0]?.record.person.ninoIndex }
            let candidates = try await store.people(withNINOIndexes: indexes, scope: caller.scope)
            let opened = try await people.load(
                candidates.map(\.person.id).filter { records.loaded[$0] == nil }, caller: caller, reusing: known)
            let byIndex = Dictionary(grouping: candidates) { $0.person.ninoIndex }
            var next: [PersonID] = []
            for personID in asked {
                guard let own = records.loaded[personID], let index = own.record.person.ninoIndex,
                    let nino = own.person.identity.nino
                else { continue }
                var others: [PeopleService.Loaded] = []
                for candidate in byIndex[index] ?? [] where candidate.person.id != personID {
                    // A blind index only narrows the search (collisions are intended); decrypt to confirm.
                    guard let other = records.loaded[candidate.person.id] ?? opened[candidate.person.id],
                        other.person.identity.nino == nino
                    else { continue }
                    others.append(other)
                    if seen.insert(other.person.id).inserted { next.append(other.person.id) }
                }
                records.linked[personID] = others
            }
            round = next
        }
        return records
    }

    /// The dose entries of every checked record whose period ends in `endingIn` (all when nil), and every
    /// correction, read at once, by person id, without those of the write `excluding` marks.
    func entries(
        store: any RecordStore, endingIn: ClosedRange<CalendarDate>? = nil, excluding: WriteMark? = nil,
        caller: Caller
    ) async throws -> [PersonID: [DoseEntryRow]] {
        Dictionary(
            grouping: try await store.doseEntries(
                ofPeople: checked, endingIn: endingIn, excluding: excluding, scope: caller.scope),
            by: \.personID)
    }

    /// `personID`'s dose entries with those of their other records (from `rows`, ``entries(store:caller:)``), all
    /// counted as this person's.
    ///
    /// Entries whose period ends outside `counted` are not opened, except corrections (which may supersede an entry
    /// in it): the limit check for a year cannot be changed by them, and a long record has decades of them.
    /// An entry in `known` (by the person's record, then id: entries are never edited) is taken as it is instead
    /// of decrypted, and one that `rows` lacks (read leaving out the write that stored it) is added, under the same
    /// rule: `known` holds entries that are stored.
    func entries(
        of personID: PersonID, in rows: [PersonID: [DoseEntryRow]], counted: ClosedRange<CalendarDate>? = nil,
        known: [PersonID: [DoseEntry]] = [:]
    ) throws -> [DoseEntry] {
        guard let own = loaded[personID] else { return [] }
        var entries: [DoseEntry] = []
        for record in [own] + (linked[personID] ?? []) {
            // The data key is unwrapped only if an entry has to be decrypted.
            var key: DataKey?
            func dataKey() throws -> DataKey {
                let unwrapped = try key ?? record.codec.dataKey(record.record)
                key = unwrapped
                return unwrapped
            }
            func isCounted(periodEnd: CalendarDate, isCorrection: Bool) -> Bool {
                counted?.contains(periodEnd) ?? true || isCorrection
            }
            var opened = Dictionary(
                (known[record.person.id] ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var ofRecord: [DoseEntry] = []
            for row in rows[record.person.id] ?? []
            where isCounted(periodEnd: row.periodEnd, isCorrection: row.supersedes != nil) {
                ofRecord.append(try opened.removeValue(forKey: row.id) ?? DoseSealing.open(row, with: dataKey()))
            }
            // The held entries the read left out follow the rows in no particular order: the accumulator orders
            // what it is given.
            ofRecord += opened.values.filter {
                isCounted(periodEnd: $0.period.end, isCorrection: $0.supersedes != nil)
            }
            for entry in ofRecord {
                entries.append(
                    entry.personID == personID
                        ? entry
                        : try DoseEntry(
                            id: entry.id, employmentID: entry.employmentID, personID: personID, period: entry.period,
                            quantity: entry.quantity, amount: entry.amount,
                            belowReportingLevel: entry.belowReportingLevel, kind: entry.kind,
                            supersedes: entry.supersedes, recordedAt: entry.recordedAt))
            }
        }
        return entries
    }
}

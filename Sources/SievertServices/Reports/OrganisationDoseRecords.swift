import DoseCore
import Foundation
import SievertStorage
import Vault

/// An organisation's people (canaries left out), their employments and the entries of their dose records, opened
/// for a report. Loading decrypts nothing that is not reported; the caller audits whom it reports.
struct OrganisationDoseRecords {
    struct Member {
        var row: PersonRow
        var person: Person
        var employments: [Employment]
    }

    var organisation: OrganisationRow
    var members: [Member]
    /// The entries of the organisation's records whose period ends on or after the `since` they were loaded with.
    var accumulator: DoseAccumulator

    /// Loads the organisation's people page by page and the entries ending on or after `since`.
    static func load(
        _ organisation: OrganisationRow, since: CalendarDate?, people: PeopleService, caller: Caller
    ) async throws -> OrganisationDoseRecords {
        let store = people.store
        let codec = try await people.codec(for: organisation.id, caller: caller)
        var members: [Member] = []
        var keys: [PersonID: DataKey] = [:]
        try await store.forEachPeoplePage(of: organisation.id, includeCanaries: false, scope: caller.scope) { page in
            for record in page {
                let (person, employments) = try codec.open(record)
                members.append(Member(row: record.person, person: person, employments: employments))
                keys[person.id] = try codec.dataKey(record)
            }
        }
        var entries: [DoseEntry] = []
        for row in try await store.doseEntries(of: organisation.id, endingSince: since, scope: caller.scope) {
            // Entries of people left out (canaries) stay sealed.
            guard let key = keys[row.personID] else { continue }
            entries.append(try DoseSealing.open(row, with: key))
        }
        return OrganisationDoseRecords(
            organisation: organisation, members: members, accumulator: DoseAccumulator(entries: entries))
    }

    /// The entries that count, of `quantity` (with what adds to it) in `scope`, ending within `window`.
    func entries(_ quantity: LimitedQuantity, in scope: DoseScope, endingIn window: DosePeriod) -> [DoseEntry] {
        accumulator.entries(of: quantity.contributors, in: scope, endingIn: window)
    }
}

import DoseCore
import SievertStorage

extension PeopleService {
    /// The person holding each staff number at `organisation`, by normalised number; numbers no record has are
    /// absent. The blind index narrows the search (collisions are intended); each candidate is opened to confirm.
    func people(
        withStaffNumbers numbers: Set<String>, organisation: OrganisationID, caller: Caller
    ) async throws -> [String: PersonID] {
        guard !numbers.isEmpty else { return [:] }
        let codec = try await codec(for: organisation, caller: caller)
        var wanted: [Int64: [String]] = [:]
        for number in numbers { wanted[try codec.staffIndex(number), default: []].append(number) }
        let candidates = try await store.matchKeys(of: organisation, scope: caller.scope)
            .filter { $0.staffIndexes.contains(where: { wanted[$0] != nil }) }.map(\.personID)
        var found: [String: PersonID] = [:]
        for record in try await store.people(ids: candidates, scope: caller.scope) {
            let (person, employments) = try codec.open(record)
            for case let number? in employments.map(\.staffNumber) where numbers.contains(number) {
                found[number] = person.id
            }
        }
        return found
    }
}

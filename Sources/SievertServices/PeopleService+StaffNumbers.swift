import DoseCore
import Foundation
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

extension PeopleService {
    /// The organisation's people whose NINO or staff number is `text`, found through the blind indexes (no
    /// record is decrypted but the candidates the index names, each confirmed). Audited as reads for `search`.
    public func find(_ text: String, organisationCode: String, by caller: Caller) async throws -> [PersonView] {
        try requireManager(caller)
        let organisation = try await organisations.find(code: organisationCode, caller: caller)
        let codec = try await codec(for: organisation.id, caller: caller)
        var found: [PersonID: PersonView] = [:]
        var read: [PersonRow] = []
        if let nino = try? NINO(parsing: text) {
            for record in try await store.people(withNINOIndex: try codec.ninoIndex(nino), scope: caller.scope)
            where record.person.organisationID == organisation.id {
                let (person, employments) = try codec.open(record)
                guard person.identity.nino == nino else { continue }
                found[person.id] = PersonView(person, employments: employments, organisationCode: organisation.code)
                read.append(record.person)
            }
        }
        // Staff numbers are kept as given; a search typed in the other case finds them too.
        let number = text.trimmingCharacters(in: .whitespaces)
        let spellings = Set([number, number.uppercased(), number.lowercased()].filter { !$0.isEmpty })
        if found.isEmpty {
            let holders = try await people(withStaffNumbers: spellings, organisation: organisation.id, caller: caller)
            for record in try await store.people(ids: Array(Set(holders.values)), scope: caller.scope) {
                let (person, employments) = try codec.open(record)
                found[person.id] = PersonView(person, employments: employments, organisationCode: organisation.code)
                read.append(record.person)
            }
        }
        try await audit(caller, "person.read", people: read, purpose: "search")
        return found.values.sorted { $0.id.description < $1.id.description }
    }
}

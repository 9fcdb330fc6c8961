import DoseCore
import Foundation
import SievertStorage

/// Seeds demonstration organisations and synthetic people (generated names, never real ones).
public struct DemoData: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let organisations: OrganisationService
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// What seeding did.
    public struct Outcome: Sendable {
        public var organisations = 0
        public var people = 0
    }

    /// Adds the demo organisations that are missing, each with its synthetic people, deterministic for `seed`.
    public func seed(seed: UInt64 = 2017, scale: Double = 1, by caller: Caller) async throws -> Outcome {
        var outcome = Outcome()
        var population = SyntheticPopulation(seed: seed)
        for demo in SyntheticPopulation.demoOrganisations {
            let size = max(1, Int((Double(demo.size) * scale).rounded()))
            if try await store.organisation(code: demo.code, scope: caller.scope) != nil { continue }
            let organisation = try await organisations.register(
                NewOrganisation(code: demo.code, name: demo.name, kind: demo.kind.rawValue), by: caller)
            outcome.organisations += 1
            outcome.people += try await seedPeople(
                count: size, organisation: organisation.id, population: &population, caller: caller)
        }
        return outcome
    }

    /// Adds `count` synthetic people to an organisation.
    public func seedPeople(
        count: Int, organisation: OrganisationID, population: inout SyntheticPopulation, caller: Caller
    ) async throws -> Int {
        let now = clock()
        let people = (0..<count).map { _ in population.person(organisationID: organisation, now: now) }
        try await store(people, organisation: organisation, caller: caller)
        return count
    }

    /// Stores ready-made people through the same sealing path as registration, in one change set.
    public func store(_ people: [(Person, Employment)], organisation: OrganisationID, caller: Caller) async throws {
        let codec = try await self.people.codec(for: organisation, caller: caller)
        let now = clock()
        var changes = ChangeSet()
        for (person, employment) in people {
            let (key, wrapped) = try codec.newDataKey(for: person.id, now: now)
            changes.newPeople.append((try codec.sealPerson(person, with: key, sourceIndex: nil), wrapped))
            changes.newEmployments.append(try codec.sealEmployment(employment, with: key))
        }
        changes.auditEvents = changes.newPeople.map {
            AuditTrail.event(
                caller, "person.create", subject: $0.person.id.description, organisation: organisation,
                purpose: "demo-data", at: now)
        }
        try await self.people.apply(changes, caller)
    }
}

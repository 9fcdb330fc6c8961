import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// A read-modify-write change names the record it was made from; a store writes it only while that record is
/// stored exactly as read, so two changes made from the same read cannot both land and the second never silently
/// undoes the first.
@Suite("Record store contract: changes made from a read record")
struct ReadRecordsContractTests {
    @Test(
        "a change made from a record since rewritten is refused whole; made from the stored record it applies",
        arguments: StoreKind.available)
    func staleReadRefused(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, _, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.organisation(a.id, actor: "lead")
            let id = changes.newPeople[0].person.id
            let read = try #require(try await test.store.person(id: id, scope: scope))
            let employment = try #require(read.employments.first)

            // Two changes made from the same read: the first rewrites the employment, the second the person.
            var first = ChangeSet()
            first.readRecords = [read]
            var changedEmployment = employment
            changedEmployment.sealedDetails = RowFixtures.random(91)
            changedEmployment.updatedAt = RowFixtures.epoch.addingTimeInterval(60)
            first.employmentUpdates = [changedEmployment]
            first.auditEvents = [RowFixtures.event("first-change", organisation: a.id)]
            var second = ChangeSet()
            second.readRecords = [read]
            var changedPerson = read.person
            changedPerson.sealed[.email] = RowFixtures.random(48)
            changedPerson.updatedAt = RowFixtures.epoch.addingTimeInterval(61)
            second.personUpdates = [changedPerson]
            second.auditEvents = [RowFixtures.event("second-change", organisation: a.id)]

            // MUT
            try await test.store.apply(first, scope: scope)
            await #expect(throws: StoreError.changedSinceRead) { try await test.store.apply(second, scope: scope) }

            // validate: the first landed, nothing of the second did, not even its audit event.
            let stored = try #require(try await test.store.person(id: id, scope: scope))
            #expect(stored.person == read.person)
            #expect(stored.employments == [changedEmployment])
            let actions = try await test.store.auditEvents(after: 0, limit: 100).map(\.action)
            #expect(actions.contains("first-change"))
            #expect(!actions.contains("second-change"))

            // The second change made again from the record as now stored is applied.
            second.readRecords = [stored]
            try await test.store.apply(second, scope: scope)
            let after = try #require(try await test.store.person(id: id, scope: scope))
            #expect(after.person == changedPerson)
            #expect(after.employments == [changedEmployment])
        }
    }

    @Test(
        "a change made from a record that is no longer stored, or from another organisation's, writes nothing",
        arguments: StoreKind.available)
    func missingOrForeignRead(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, b, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.organisation(a.id, actor: "lead")
            let own = try #require(try await test.store.person(id: changes.newPeople[0].person.id, scope: scope))
            let foreignID = try #require(changes.newPeople.first { $0.person.organisationID == b.id }).person.id
            let foreign = try #require(
                try await test.store.person(id: foreignID, scope: .organisation(b.id, actor: "other")))

            // A record never stored (read, say, from a backup) is not the stored one.
            var ghost = own
            ghost.person.id = .generate()
            var fromGhost = ChangeSet()
            fromGhost.readRecords = [ghost]
            fromGhost.auditEvents = [RowFixtures.event("from-ghost", organisation: a.id)]
            await #expect(throws: StoreError.changedSinceRead) { try await test.store.apply(fromGhost, scope: scope) }

            // Naming another organisation's record is outside the caller's scope, whatever else the change holds.
            var fromForeign = ChangeSet()
            fromForeign.readRecords = [foreign]
            fromForeign.auditEvents = [RowFixtures.event("from-foreign", organisation: a.id)]
            await #expect(throws: StoreError.outOfScope) { try await test.store.apply(fromForeign, scope: scope) }

            let actions = try await test.store.auditEvents(after: 0, limit: 100).map(\.action)
            #expect(!actions.contains("from-ghost") && !actions.contains("from-foreign"))
        }
    }
}

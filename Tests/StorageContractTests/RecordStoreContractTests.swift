import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// What every store must do, run on SQLite and PostgreSQL alike.
@Suite("Record store contract")
struct RecordStoreContractTests {
    @Test("people round-trip with their keys, employments and sealed bytes", arguments: StoreKind.available)
    func roundTrip(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.organisation(a.id, actor: "a")
            let original = try #require(changes.newPeople.first)
            let record = try #require(try await test.store.person(id: original.person.id, scope: scope))
            #expect(record.person == original.person)
            #expect(record.key == original.key)
            #expect(record.employments == changes.newEmployments.filter { $0.personID == original.person.id })
            #expect(try await test.store.organisation(id: a.id, scope: scope) == a)
            #expect(
                try await test.store.organisationKeys(of: a.id, scope: scope) == [changes.newOrganisationKeys[0].key])
        }
    }

    @Test("a change set is all or nothing", arguments: StoreKind.available)
    func atomic(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            var failing = ChangeSet()
            let fresh = RowFixtures.person(in: a.id)
            failing.newPeople = [fresh, changes.newPeople[0]]  // the second already exists
            failing.auditEvents = [RowFixtures.event("should-not-exist", organisation: a.id)]
            await #expect(throws: StoreError.self) { try await test.store.apply(failing, scope: .service(actor: "x")) }
            #expect(try await test.store.person(id: fresh.person.id, scope: .service(actor: "x")) == nil)
            #expect(
                try await test.store.auditEvents(after: 0, limit: 100).allSatisfy { $0.action != "should-not-exist" })
        }
    }

    @Test("updates replace sealed values and refuse unknown rows", arguments: StoreKind.available)
    func updates(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _, changes) = RowFixtures.twoTenants()
            let scope = StoreScope.organisation(a.id, actor: "a")
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            var person = changes.newPeople[0].person
            person.status = .deceased
            person.sealed[.dateOfDeath] = RowFixtures.random(30)
            person.sealed[.email] = nil
            person.updatedAt = RowFixtures.epoch.addingTimeInterval(60)
            var employment = try #require(changes.newEmployments.first { $0.personID == person.id })
            employment.state = .ended
            employment.sealedDetails = RowFixtures.random(99)
            var update = ChangeSet()
            update.personUpdates = [person]
            update.employmentUpdates = [employment]
            try await test.store.apply(update, scope: scope)
            let record = try #require(try await test.store.person(id: person.id, scope: scope))
            #expect(record.person == person)
            #expect(record.employments == [employment])

            var ghost = ChangeSet()
            ghost.personUpdates = [RowFixtures.person(in: a.id).person]
            await #expect(throws: StoreError.notFound) { try await test.store.apply(ghost, scope: scope) }
        }
    }

    @Test("people are paged in id order and canaries are hidden unless asked for", arguments: StoreKind.available)
    func paging(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let organisation = RowFixtures.organisation("PAGE\(Int.random(in: 10...99))")
            var changes = ChangeSet()
            changes.newOrganisations = [organisation]
            changes.newPeople = (0..<25).map { RowFixtures.person(in: organisation.id, canary: $0 == 3) }
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.organisation(organisation.id, actor: "a")
            var seen: [PersonID] = []
            var after: PersonID?
            while true {
                let page = try await test.store.people(
                    of: organisation.id, after: after, limit: 10, includeCanaries: false, scope: scope)
                guard let last = page.last else { break }
                seen += page.map(\.person.id)
                after = last.person.id
            }
            let expected = changes.newPeople.filter { !$0.person.isCanary }.map(\.person.id).sorted()
            #expect(seen == expected)
            #expect(
                try await test.store.people(
                    of: organisation.id, after: nil, limit: 100, includeCanaries: true, scope: scope
                )
                .count == 25)
        }
    }

    @Test("match keys carry every blind index of every person", arguments: StoreKind.available)
    func matchKeys(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, _, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let keys = try await test.store.matchKeys(of: a.id, scope: .organisation(a.id, actor: "a"))
            let expected = changes.newPeople.filter { $0.person.organisationID == a.id }
            #expect(Set(keys.map(\.personID)) == Set(expected.map(\.person.id)))
            #expect(keys.allSatisfy { $0.ninoIndex == 42 && $0.staffIndexes == [7] })
            #expect(Set(keys.compactMap(\.sourceIndex)) == Set(expected.compactMap(\.person.sourceIndex)))
        }
    }

    @Test("audit events are kept in order", arguments: StoreKind.available)
    func auditOrder(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            var changes = ChangeSet()
            changes.auditEvents = (0..<5).map { RowFixtures.event("e\($0)", organisation: nil) }
            try await test.store.apply(changes, scope: .service(actor: "x"))
            let events = try await test.store.auditEvents(after: 0, limit: 100)
            #expect(events.map(\.action) == ["e0", "e1", "e2", "e3", "e4"])
            #expect(events.map(\.sequence) == events.map(\.sequence).sorted())
            #expect(
                try await test.store.auditEvents(after: events[2].sequence, limit: 100).map(\.action) == ["e3", "e4"])
        }
    }

    @Test("service keys and access tokens are stored once", arguments: StoreKind.available)
    func keysAndTokens(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let key = RowFixtures.key()
            try await test.store.insertServiceKey(named: "blind-index", key: key)
            await #expect(throws: StoreError.self) {
                try await test.store.insertServiceKey(named: "blind-index", key: key)
            }
            #expect(try await test.store.serviceKeys(named: "blind-index") == [key])
            let token = AccessTokenRow(
                hash: RowFixtures.random(32), id: "tok_1", role: "rps-admin", organisationID: nil,
                createdAt: RowFixtures.epoch, expiresAt: RowFixtures.epoch.addingTimeInterval(3600))
            try await test.store.insertAccessToken(token)
            #expect(try await test.store.accessToken(hash: token.hash) == token)
            #expect(try await test.store.accessToken(hash: RowFixtures.random(32)) == nil)
        }
    }
}

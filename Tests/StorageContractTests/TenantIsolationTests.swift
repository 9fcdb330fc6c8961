import DoseCore
import SievertStorage
import SievertTestSupport
import Testing

/// DESIGN.md §Security 7, proven on both stores: cross-tenant reads return nothing, cross-tenant writes
/// are refused, and a missing scope returns nothing.
@Suite("Tenant isolation")
struct TenantIsolationTests {
    @Test("a cross-organisation read returns nothing", arguments: StoreKind.available)
    func crossOrganisationRead(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let store = test.store
            let (a, b, changes) = RowFixtures.twoTenants()
            try await store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let personOfB = try #require(changes.newPeople.first { $0.person.organisationID == b.id }).person.id

            // MUT + validate
            #expect(try await store.organisations(scope: onlyA).map(\.id) == [a.id])
            #expect(try await store.organisation(id: b.id, scope: onlyA) == nil)
            #expect(try await store.organisation(code: b.code, scope: onlyA) == nil)
            #expect(try await store.organisationKeys(of: b.id, scope: onlyA).isEmpty)
            #expect(try await store.person(id: personOfB, scope: onlyA) == nil)
            #expect(try await store.people(ids: changes.newPeople.map(\.person.id), scope: onlyA).count == 3)
            #expect(
                try await store.people(of: b.id, after: nil, limit: 100, includeCanaries: true, scope: onlyA).isEmpty)
            #expect(try await store.matchKeys(of: b.id, scope: onlyA).isEmpty)
            #expect(try await store.countPeople(of: b.id, scope: onlyA) == 0)
            // The organisation's own data is all there, so the empty answers above are not a broken store.
            #expect(try await store.countPeople(of: a.id, scope: onlyA) == 3)
            #expect(try await store.matchKeys(of: a.id, scope: onlyA).count == 3)
        }
    }

    @Test("a cross-organisation write is refused and writes nothing", arguments: StoreKind.available)
    func crossOrganisationWrite(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let store = test.store
            let (a, b, changes) = RowFixtures.twoTenants()
            try await store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")

            var insertIntoB = ChangeSet()
            insertIntoB.newPeople = [RowFixtures.person(in: a.id), RowFixtures.person(in: b.id)]
            await #expect(throws: StoreError.outOfScope) { try await store.apply(insertIntoB, scope: onlyA) }

            var updateB = ChangeSet()
            var personOfB = try #require(changes.newPeople.first { $0.person.organisationID == b.id }).person
            personOfB.status = .left
            updateB.personUpdates = [personOfB]
            await #expect(throws: StoreError.outOfScope) { try await store.apply(updateB, scope: onlyA) }

            // Relabelling another tenant's row as one's own does not reach it either.
            var relabelled = personOfB
            relabelled.organisationID = a.id
            var sneaky = ChangeSet()
            sneaky.personUpdates = [relabelled]
            await #expect(throws: StoreError.notFound) { try await store.apply(sneaky, scope: onlyA) }

            var auditB = ChangeSet()
            auditB.auditEvents = [RowFixtures.event("x", organisation: b.id)]
            await #expect(throws: StoreError.outOfScope) { try await store.apply(auditB, scope: onlyA) }

            let service = StoreScope.service(actor: "check")
            #expect(try await store.countPeople(of: a.id, scope: service) == 3)
            #expect(try await store.countPeople(of: b.id, scope: service) == 2)
            #expect(try await store.person(id: personOfB.id, scope: service)?.person.status == .active)
        }
    }

    @Test("a missing scope returns nothing and may write nothing", arguments: StoreKind.available)
    func missingScope(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let store = test.store
            let (a, _, changes) = RowFixtures.twoTenants()
            try await store.apply(changes, scope: .service(actor: "setup"))
            let ids = changes.newPeople.map(\.person.id)

            #expect(try await store.organisations(scope: .none).isEmpty)
            #expect(try await store.organisation(id: a.id, scope: .none) == nil)
            #expect(try await store.organisation(code: a.code, scope: .none) == nil)
            #expect(try await store.people(ids: ids, scope: .none).isEmpty)
            #expect(
                try await store.people(of: a.id, after: nil, limit: 10, includeCanaries: true, scope: .none).isEmpty)
            #expect(try await store.matchKeys(of: a.id, scope: .none).isEmpty)
            #expect(try await store.countPeople(of: a.id, scope: .none) == 0)
            var write = ChangeSet()
            write.newPeople = [RowFixtures.person(in: a.id)]
            await #expect(throws: StoreError.outOfScope) { try await store.apply(write, scope: .none) }
            #expect(try await store.people(ids: ids, scope: .service(actor: "check")).count == 5)
        }
    }

    @Test("an employment cannot attach to a person of another organisation", arguments: StoreKind.available)
    func employmentAcrossOrganisations(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, b, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            var person = try #require(changes.newPeople.first { $0.person.organisationID == b.id }).person
            person.organisationID = a.id
            var write = ChangeSet()
            write.newEmployments = [RowFixtures.employment(of: person)]
            await #expect(throws: StoreError.notFound) {
                try await test.store.apply(write, scope: .service(actor: "x"))
            }
        }
    }
}

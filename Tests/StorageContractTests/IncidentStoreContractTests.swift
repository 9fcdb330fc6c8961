import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// The incident register and the people it affects, on both stores: the register is written only under the
/// service scope; each affected record is a row of its organisation, invisible and unwritable to any other.
@Suite("Incident store contract")
struct IncidentStoreContractTests {
    static func incident(status: String = "open", at time: Date = RowFixtures.epoch) -> IncidentRow {
        IncidentRow(
            id: .generate(now: time), status: status, source: "own-systems", occurredAt: time, awareAt: time,
            declaredAt: time, updatedAt: time, sealedIncident: RowFixtures.random(80))
    }

    static func affected(_ incident: IncidentID, _ person: PersonRow, exposed: String = "name,dose")
        -> IncidentPersonRow
    {
        IncidentPersonRow(
            incidentID: incident, personID: person.id, organisationID: person.organisationID, exposed: exposed,
            foundBy: "principal", updatedAt: RowFixtures.epoch)
    }

    @Test(
        "incidents round-trip whole, newest first, and only the service scope writes them",
        arguments: StoreKind.available)
    func register(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let store = test.store
            let (a, _, setup) = RowFixtures.twoTenants()
            try await store.apply(setup, scope: .service(actor: "setup"))
            let older = Self.incident(at: RowFixtures.epoch)
            let newer = Self.incident(at: RowFixtures.epoch.addingTimeInterval(60))
            var changes = ChangeSet()
            changes.newIncidents = [older, newer]
            await #expect(throws: StoreError.outOfScope) {
                try await store.apply(changes, scope: .organisation(a.id, actor: "lead"))
            }
            #expect(try await store.incidents().isEmpty)
            try await store.apply(changes, scope: .service(actor: "rps"))
            #expect(try await store.incidents() == [newer, older])
            var reported = older
            reported.status = "reported"
            reported.sealedIncident = RowFixtures.random(90)
            reported.updatedAt = RowFixtures.epoch.addingTimeInterval(120)
            var update = ChangeSet()
            update.incidentUpdates = [reported]
            try await store.apply(update, scope: .service(actor: "rps"))
            #expect(try await store.incident(id: older.id) == reported)
            var missing = ChangeSet()
            missing.incidentUpdates = [Self.incident()]
            await #expect(throws: StoreError.notFound) { try await store.apply(missing, scope: .service(actor: "rps")) }
            var badStatus = ChangeSet()
            badStatus.newIncidents = [Self.incident(status: "forgotten")]
            await #expect(throws: (any Error).self) { try await store.apply(badStatus, scope: .service(actor: "rps")) }
            #expect(try await store.incidents().count == 2)
        }
    }

    @Test(
        "affected records are their organisation's rows: replaced whole, hidden from and refused to other tenants",
        arguments: StoreKind.available)
    func affectedPeople(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let store = test.store
            let (a, b, setup) = RowFixtures.twoTenants()
            try await store.apply(setup, scope: .service(actor: "setup"))
            let incident = Self.incident()
            var declare = ChangeSet()
            declare.newIncidents = [incident]
            try await store.apply(declare, scope: .service(actor: "rps"))
            let ofA = setup.newPeople.map(\.person).filter { $0.organisationID == a.id }
            let ofB = setup.newPeople.map(\.person).filter { $0.organisationID == b.id }
            var scoped = ChangeSet()
            scoped.incidentPeople = (ofA + ofB).map { Self.affected(incident.id, $0) }
            try await store.apply(scoped, scope: .service(actor: "rps"))

            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            #expect(
                Set(try await store.incidentPeople(of: incident.id, scope: onlyA).map(\.personID)) == Set(ofA.map(\.id))
            )
            #expect(try await store.incidentPeople(of: incident.id, scope: .none).isEmpty)
            #expect(try await store.incidentPeople(of: incident.id, scope: .service(actor: "rps")).count == 5)

            // A replacement keeps one row per incident and person.
            var planned = Self.affected(incident.id, ofA[0], exposed: "name")
            planned.disposition = "notify"
            planned.cluster = "P000001"
            planned.contactPersonID = ofA[1].id
            planned.delivery = "sent"
            planned.deliveryAt = RowFixtures.epoch
            var replace = ChangeSet()
            replace.incidentPeople = [planned]
            try await store.apply(replace, scope: onlyA)
            let rows = try await store.incidentPeople(of: incident.id, scope: onlyA)
            #expect(rows.count == 3 && rows.first { $0.personID == ofA[0].id } == planned)

            // Another tenant's record: refused by scope; relabelled as one's own, it matches no person of A.
            var intoB = ChangeSet()
            intoB.incidentPeople = [Self.affected(incident.id, ofB[0], exposed: "")]
            await #expect(throws: StoreError.outOfScope) { try await store.apply(intoB, scope: onlyA) }
            var relabelled = Self.affected(incident.id, ofB[0], exposed: "")
            relabelled.organisationID = a.id
            var sneaky = ChangeSet()
            sneaky.incidentPeople = [relabelled]
            await #expect(throws: StoreError.notFound) { try await store.apply(sneaky, scope: onlyA) }
            let rowB = try await store.incidentPeople(of: incident.id, scope: .organisation(b.id, actor: "lead-b"))
            #expect(rowB.count == 2 && rowB.allSatisfy { $0.exposed == "name,dose" })
        }
    }
}

import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// The two reads reports rely on, on both stores: an organisation's dose entries from a date, and the person who
/// holds an employment, each inside the caller's scope only.
@Suite("Report queries")
struct ReportQueryContractTests {
    static func entry(_ employment: EmploymentRow, ending end: String) throws -> DoseEntryRow {
        let finish = try CalendarDate(iso: end)
        return DoseEntryRow(
            id: .generate(), organisationID: employment.organisationID, employmentID: employment.id,
            personID: employment.personID, periodBegin: try CalendarDate(iso: String(end.prefix(8)) + "01"),
            periodEnd: finish, quantity: "effective", kind: "estimated", supersedes: nil,
            sealedAmount: RowFixtures.random(40), recordedAt: RowFixtures.epoch)
    }

    @Test(
        "an organisation's dose entries from a date, in period order, never another organisation's",
        arguments: StoreKind.available)
    func organisationEntries(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let store = test.store
            let (a, b, tenants) = RowFixtures.twoTenants()
            var changes = tenants
            let ofA = changes.newEmployments.filter { $0.organisationID == a.id }
            let ofB = changes.newEmployments.filter { $0.organisationID == b.id }
            let late = try Self.entry(ofA[0], ending: "2026-03-31")
            let early = try Self.entry(ofA[1], ending: "2024-12-31")
            let middle = try Self.entry(ofA[2], ending: "2025-06-30")
            changes.newDoseEntries = [late, early, middle, try Self.entry(ofB[0], ending: "2026-03-31")]
            try await store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")

            // MUT + validate
            #expect(
                try await store.doseEntries(of: a.id, endingSince: nil, scope: onlyA).map(\.id) == [
                    early.id, middle.id, late.id,
                ])
            let since = try CalendarDate(iso: "2025-06-30")
            #expect(
                try await store.doseEntries(of: a.id, endingSince: since, scope: onlyA).map(\.id) == [
                    middle.id, late.id,
                ])
            let stored = try #require(try await store.doseEntries(of: a.id, endingSince: since, scope: onlyA).last)
            #expect(stored == late)
            #expect(try await store.doseEntries(of: b.id, endingSince: nil, scope: onlyA).isEmpty)
            #expect(try await store.doseEntries(of: a.id, endingSince: nil, scope: .none).isEmpty)
            #expect(try await store.doseEntries(of: b.id, endingSince: nil, scope: .service(actor: "op")).count == 1)
        }
    }

    @Test("the person holding an employment, only within scope", arguments: StoreKind.available)
    func personOfEmployment(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let store = test.store
            let (a, b, changes) = RowFixtures.twoTenants()
            try await store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let ofA = try #require(changes.newEmployments.first { $0.organisationID == a.id })
            let ofB = try #require(changes.newEmployments.first { $0.organisationID == b.id })

            let found = try #require(try await store.person(employment: ofA.id, scope: onlyA))
            #expect(found.person.id == ofA.personID)
            #expect(found.employments.map(\.id) == [ofA.id])
            #expect(try await store.person(employment: ofB.id, scope: onlyA) == nil)
            #expect(try await store.person(employment: ofA.id, scope: .none) == nil)
            #expect(try await store.person(employment: .generate(), scope: .service(actor: "op")) == nil)
            #expect(try await store.person(employment: ofB.id, scope: .service(actor: "op"))?.person.id == ofB.personID)
        }
    }
}

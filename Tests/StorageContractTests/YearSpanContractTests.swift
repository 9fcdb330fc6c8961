import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// Lab readings and dose entries spread over many years, on both stores. PostgreSQL keeps each year in its own
/// partition, so these rules must hold across partitions too: reads return every year in order, and the uniqueness
/// of ids and of a reading's serial and version does not stop at a year's edge.
@Suite("Readings and entries across years")
struct YearSpanContractTests {
    /// Period ends spread over decades, out of order: a year far back, years that have partitions, the current year.
    static let ends = ["2026-01-31", "1962-03-31", "2016-06-30", "1998-12-31", "2025-12-31", "2016-01-31"]

    static func reading(_ organisation: OrganisationID, serial: String, version: Int = 1, ending end: String) throws
        -> LabReadingRow
    {
        let finish = try CalendarDate(iso: end)
        return LabReadingRow(
            id: .generate(), organisationID: organisation, serial: serial, version: version, participantCode: nil,
            dosemeterType: "whole-body", position: "chest",
            periodBegin: try CalendarDate(iso: String(end.prefix(8)) + "01"),
            periodEnd: finish, status: "measured", sealedCells: RowFixtures.random(60), importedAt: RowFixtures.epoch)
    }

    static func entry(
        _ employment: EmploymentRow, ending end: String, reading: LabReadingRow? = nil, supersedes: DoseEntryID? = nil
    ) throws -> DoseEntryRow {
        let finish = try CalendarDate(iso: end)
        return DoseEntryRow(
            id: .generate(), organisationID: employment.organisationID, employmentID: employment.id,
            personID: employment.personID, periodBegin: try CalendarDate(iso: String(end.prefix(8)) + "01"),
            periodEnd: finish,
            quantity: "effective", kind: "measured", supersedes: supersedes, sealedAmount: RowFixtures.random(40),
            recordedAt: RowFixtures.epoch, readingID: reading?.id)
    }

    /// Two tenants, and for the first person of A a reading and an entry ending on each of `ends`.
    static func population() throws -> (
        a: OrganisationRow, b: OrganisationRow, employment: EmploymentRow, changes: ChangeSet
    ) {
        let (a, b, tenants) = RowFixtures.twoTenants()
        var changes = tenants
        let employment = changes.newEmployments[0]
        for (index, end) in ends.enumerated() {
            let reading = try reading(a.id, serial: "S-\(index)", ending: end)
            changes.newLabReadings.append(reading)
            changes.newDoseEntries.append(try entry(employment, ending: end, reading: reading))
        }
        return (a, b, employment, changes)
    }

    @Test("rows of many years read back whole, in period order, and only in scope", arguments: StoreKind.available)
    func readsAcrossYears(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, b, employment, changes) = try Self.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let byEnd = changes.newDoseEntries.sorted { ($0.periodEnd, $0.id) < ($1.periodEnd, $1.id) }

            // MUT + validate
            #expect(try await test.store.doseEntries(of: employment.personID, scope: onlyA) == byEnd)
            #expect(try await test.store.doseEntries(of: a.id, endingSince: nil, scope: onlyA) == byEnd)
            let since = try CalendarDate(iso: "2016-01-31")
            #expect(
                try await test.store.doseEntries(of: a.id, endingSince: since, scope: onlyA)
                    == byEnd.filter { $0.periodEnd >= since })
            #expect(Set(try await test.store.labReadings(of: a.id, scope: onlyA)) == Set(changes.newLabReadings))
            let fromReadings = try await test.store.doseEntries(
                fromReadings: changes.newLabReadings.map(\.id), scope: onlyA)
            #expect(Set(fromReadings) == Set(changes.newDoseEntries))
            let onlyB = StoreScope.organisation(b.id, actor: "lead-b")
            #expect(try await test.store.doseEntries(of: employment.personID, scope: onlyB).isEmpty)
            #expect(try await test.store.labReadings(of: a.id, scope: onlyB).isEmpty)
        }
    }

    @Test(
        "an entry's id and a reading's serial and version stay unique across years; nothing of a refused change is kept",
        arguments: StoreKind.available)
    func uniquenessAcrossYears(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, b, employment, changes) = try Self.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.service(actor: "import")
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let stored = changes.newLabReadings[0]

            // MUT + validate: the same serial and version again, in another year, with an entry that is fine.
            var again = ChangeSet()
            again.newLabReadings = [try Self.reading(a.id, serial: stored.serial, ending: "2019-04-30")]
            again.newDoseEntries = [try Self.entry(employment, ending: "2019-04-30")]
            await #expect(throws: StoreError.self) { try await test.store.apply(again, scope: scope) }
            // An entry id already used in another year.
            var reused = ChangeSet()
            var copy = try Self.entry(employment, ending: "2003-07-31")
            copy.id = changes.newDoseEntries[0].id
            reused.newDoseEntries = [try Self.entry(employment, ending: "2004-07-31"), copy]
            await #expect(throws: StoreError.self) { try await test.store.apply(reused, scope: scope) }
            #expect(try await test.store.labReadings(of: a.id, scope: onlyA).count == Self.ends.count)
            #expect(try await test.store.doseEntries(of: employment.personID, scope: onlyA).count == Self.ends.count)

            // A new version of the serial, and the same serial and version at another organisation, are new readings.
            var fresh = ChangeSet()
            fresh.newLabReadings = [
                try Self.reading(a.id, serial: stored.serial, version: 2, ending: "2019-04-30"),
                try Self.reading(b.id, serial: stored.serial, ending: "2019-04-30"),
            ]
            try await test.store.apply(fresh, scope: scope)
            #expect(try await test.store.labReadings(of: a.id, scope: onlyA).count == Self.ends.count + 1)
        }
    }

    @Test(
        "an entry may supersede one of another year or of the same change set; one superseding nothing is refused",
        arguments: StoreKind.available)
    func supersedingAcrossYears(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, _, employment, changes) = try Self.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let scope = StoreScope.service(actor: "record")
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let earlier = try #require(changes.newDoseEntries.first { $0.periodEnd.year == 1998 })

            // MUT: a correction made now for 1998, and within one change set an entry and its own correction.
            var corrections = ChangeSet()
            let first = try Self.entry(employment, ending: "2024-02-29")
            corrections.newDoseEntries = [
                try Self.entry(employment, ending: "1998-12-31", supersedes: earlier.id), first,
                try Self.entry(employment, ending: "2024-02-29", supersedes: first.id),
            ]
            try await test.store.apply(corrections, scope: scope)
            var dangling = ChangeSet()
            dangling.newDoseEntries = [
                try Self.entry(employment, ending: "2024-03-31"),
                try Self.entry(employment, ending: "2024-03-31", supersedes: .generate()),
            ]

            // validate
            await #expect(throws: StoreError.self) { try await test.store.apply(dangling, scope: scope) }
            let all = try await test.store.doseEntries(of: employment.personID, scope: onlyA)
            #expect(all.count == Self.ends.count + 3)
            #expect(Set(all.compactMap(\.supersedes)) == [earlier.id, first.id])
        }
    }
}

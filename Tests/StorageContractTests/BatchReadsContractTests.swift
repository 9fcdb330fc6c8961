import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// The limit check after a lab batch reads every touched wearer's entries, alerts and NINO candidates at once; on
/// both stores a batched read must return exactly what the one-person reads return together, in their order,
/// across SQLite's 500-parameter chunks, and nothing outside the scope.
@Suite("Reads of many people at once")
struct BatchReadsContractTests {
    static let wearers = 620

    /// Organisation A with `wearers` people (NINO indexes 0, 1, 2 in turn, one canary with index 0), two entries
    /// and one alert each; B with one person of NINO index 1.
    static func population() throws -> (a: OrganisationRow, b: OrganisationRow, changes: ChangeSet) {
        let a = RowFixtures.organisation("BATCH-A\(Int.random(in: 100...999))")
        let b = RowFixtures.organisation("BATCH-B\(Int.random(in: 100...999))")
        var changes = ChangeSet()
        changes.newOrganisations = [a, b]
        changes.newOrganisationKeys = [RowFixtures.organisationKey(a.id), RowFixtures.organisationKey(b.id)]
        changes.newPeople =
            (0..<wearers).map { RowFixtures.person(in: a.id, nino: Int64($0 % 3), canary: $0 == wearers - 1) }
            + [RowFixtures.person(in: b.id, nino: 1)]
        changes.newEmployments = changes.newPeople.map { RowFixtures.employment(of: $0.person) }
        for (index, employment) in changes.newEmployments.enumerated() {
            // Period ends interleave across people, so order by period end is not order by person.
            let month = 1 + index % 12
            for year in [2024, 2025] {
                changes.newDoseEntries.append(
                    try YearSpanContractTests.entry(
                        employment, ending: "\(year)-\(month < 10 ? "0" : "")\(month)-28"))
            }
            changes.newAlerts.append(
                DoseAlertRow(
                    id: .generate(), organisationID: employment.organisationID, personID: employment.personID,
                    fingerprint: "investigation#effective#2025-01-01#", state: "raised",
                    sealedAlert: RowFixtures.random(40),
                    raisedAt: RowFixtures.epoch.addingTimeInterval(Double(index)),
                    updatedAt: RowFixtures.epoch))
        }
        return (a, b, changes)
    }

    @Test(
        "entries, alerts and NINO candidates of many people: the one-person reads together, in order, in scope",
        arguments: StoreKind.available)
    func batchedReads(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, b, changes) = try Self.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let everyone = StoreScope.service(actor: "check")
            let people = changes.newPeople.map(\.person.id)

            // MUT
            let entries = try await test.store.doseEntries(ofPeople: people, scope: onlyA)
            let alerts = try await test.store.doseAlerts(ofPeople: people, scope: onlyA)
            let candidates = try await test.store.people(withNINOIndexes: [1, 2, 1], scope: everyone)

            // validate
            let inA = changes.newDoseEntries.filter { $0.organisationID == a.id }
            #expect(entries.count == 2 * Self.wearers)
            #expect(
                entries == inA.sorted { ($0.periodEnd, $0.recordedAt, $0.id) < ($1.periodEnd, $1.recordedAt, $1.id) })
            for person in people.prefix(3) {
                #expect(
                    entries.filter { $0.personID == person }
                        == (try await test.store.doseEntries(of: person, scope: onlyA)))
            }
            #expect(alerts.map(\.id) == changes.newAlerts.filter { $0.organisationID == a.id }.map(\.id))
            #expect(alerts.allSatisfy { $0.organisationID == a.id })
            let expected = changes.newPeople.filter { !$0.person.isCanary && [1, 2].contains($0.person.ninoIndex) }
            #expect(Set(candidates.map(\.person.id)) == Set(expected.map(\.person.id)))
            #expect(candidates.count == expected.count, "an index asked for twice finds each person once")
            let inB = try await test.store.people(withNINOIndexes: [1], scope: .organisation(b.id, actor: "lead-b"))
            #expect(inB.map(\.person.id) == [try #require(changes.newPeople.last).person.id])
            #expect(try await test.store.doseEntries(ofPeople: [], scope: everyone).isEmpty)
            #expect(try await test.store.doseAlerts(ofPeople: [], scope: everyone).isEmpty)
            #expect(try await test.store.people(withNINOIndexes: [], scope: everyone).isEmpty)
            let outside = StoreScope.organisation(b.id, actor: "lead-b")
            #expect(
                try await test.store.doseEntries(ofPeople: Array(people.prefix(Self.wearers)), scope: outside).isEmpty)
            #expect(
                try await test.store.doseAlerts(ofPeople: Array(people.prefix(Self.wearers)), scope: outside).isEmpty)
        }
    }

    @Test(
        "entries of many people in a window of period ends: those ending in it and every correction, in order",
        arguments: StoreKind.available)
    func windowedEntries(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, _, population) = try Self.population()
            var changes = population
            let first = changes.newDoseEntries[0]
            let employment = try #require(changes.newEmployments.first { $0.id == first.employmentID })
            // A correction ending long before the window, of an entry that may end in it.
            let correction = try YearSpanContractTests.entry(employment, ending: "2019-05-28", supersedes: first.id)
            changes.newDoseEntries.append(correction)
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let people = changes.newPeople.map(\.person.id)
            let window = try CalendarDate(iso: "2025-03-01")...CalendarDate(iso: "2025-06-30")

            // MUT
            let entries = try await test.store.doseEntries(ofPeople: people, endingIn: window, scope: onlyA)

            // validate
            let expected = changes.newDoseEntries.filter {
                $0.organisationID == a.id && (window.contains($0.periodEnd) || $0.supersedes != nil)
            }
            #expect(entries.count > 200, "four months of twelve, and the correction")
            #expect(
                entries
                    == expected.sorted { ($0.periodEnd, $0.recordedAt, $0.id) < ($1.periodEnd, $1.recordedAt, $1.id) })
            #expect(entries.first == correction)
            #expect(
                try await test.store.doseEntries(ofPeople: people, endingIn: nil, scope: onlyA).count
                    == 2 * Self.wearers + 1)
        }
    }

    @Test(
        "a read given a chunked apply's mark leaves out exactly the entries that apply wrote, not those before or after",
        arguments: StoreKind.available)
    func readWithoutOwnWrite(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, _, population) = try Self.population()
            try await test.store.apply(population, scope: .service(actor: "setup"))
            let employments = population.newEmployments.filter { $0.organisationID == a.id }
            // Three chunks of new entries for a third of A's people, then one more entry each for others.
            let chunks = try (0..<3).map { part in
                var chunk = ChangeSet()
                for employment in employments[(part * 70)..<((part + 1) * 70)] {
                    chunk.newDoseEntries.append(try YearSpanContractTests.entry(employment, ending: "2026-01-31"))
                }
                chunk.auditEvents = [RowFixtures.event("chunk.\(part)", organisation: a.id)]
                return chunk
            }
            let onlyA = StoreScope.organisation(a.id, actor: "import")
            let source = ScriptedChunks { index in index < chunks.count ? chunks[index] : nil }
            let mark = try await test.store.apply(chunks: source, scope: onlyA)
            var after = ChangeSet()
            for employment in employments[150..<300] {
                after.newDoseEntries.append(try YearSpanContractTests.entry(employment, ending: "2026-02-28"))
            }
            try await test.store.apply(after, scope: onlyA)
            let people = employments.map(\.personID)
            let written = Set(chunks.flatMap(\.newDoseEntries).map(\.id))

            // MUT
            let left = try await test.store.doseEntries(ofPeople: people, endingIn: nil, excluding: mark, scope: onlyA)
            let windowed = try await test.store.doseEntries(
                ofPeople: people, endingIn: try CalendarDate(iso: "2026-01-01")...CalendarDate(iso: "2026-12-31"),
                excluding: mark, scope: onlyA)

            // validate
            let all = try await test.store.doseEntries(ofPeople: people, scope: onlyA)
            #expect(all.count == 2 * Self.wearers + 210 + 150)
            if kind == .sqlite {
                let mark = try #require(mark, "SQLite numbers its rows")
                #expect(mark.rows.count == written.count)
                #expect(left == all.filter { !written.contains($0.id) })
                #expect(windowed.map(\.id) == after.newDoseEntries.map(\.id).sorted())
            } else {
                #expect(mark == nil)
                #expect(left == all)
            }
            let noEntries = ScriptedChunks { index in index < 2 ? Self.events(index, in: a.id) : nil }
            #expect(try await test.store.apply(chunks: noEntries, scope: onlyA) == nil, "no entries, no mark")
        }
    }

    /// A chunk of one audit event and nothing else.
    static func events(_ index: Int, in organisation: OrganisationID) -> ChangeSet {
        var chunk = ChangeSet()
        chunk.auditEvents = [RowFixtures.event("events.\(index)", organisation: organisation)]
        return chunk
    }
}

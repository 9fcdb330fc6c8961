import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// An import asks only for the stored readings of the serials it brings (every version of each), on both stores;
/// it must get exactly those, in import order, and nothing of another organisation or outside its scope.
@Suite("Lab readings by serial")
struct LabReadingSerialsContractTests {
    @Test(
        "readings of the given serials only, every version, in import order, in scope", arguments: StoreKind.available)
    func readingsBySerial(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup: six readings of A (serials S-0…S-5, over many years), a second version of S-1 imported later,
            // and S-1 at B.
            let (a, b, _, changes) = try YearSpanContractTests.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            var later = ChangeSet()
            var second = try YearSpanContractTests.reading(a.id, serial: "S-1", version: 2, ending: "2019-04-30")
            second.importedAt = RowFixtures.epoch.addingTimeInterval(60)
            later.newLabReadings = [
                second, try YearSpanContractTests.reading(b.id, serial: "S-1", ending: "2019-04-30"),
            ]
            try await test.store.apply(later, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lab-a")
            let first = try #require(changes.newLabReadings.first { $0.serial == "S-1" })
            let fifth = try #require(changes.newLabReadings.first { $0.serial == "S-4" })

            // MUT
            let found = try await test.store.labReadings(of: a.id, serials: ["S-1", "S-4", "S-99"], scope: onlyA)

            // validate
            #expect(Set(found) == [first, fifth, second])
            #expect(found.last == second, "the later import comes last")
            #expect(found.allSatisfy { $0.organisationID == a.id })
            #expect(try await test.store.labReadings(of: a.id, serials: [], scope: onlyA).isEmpty)
            #expect(
                try await test.store.labReadings(of: a.id, serials: ["S-1"], scope: .organisation(b.id, actor: "b"))
                    .isEmpty)
            let all = try await test.store.labReadings(of: a.id, scope: onlyA)
            #expect(
                try await test.store.labReadings(of: a.id, serials: Set(all.map(\.serial)), scope: onlyA) == all,
                "asked for every serial, the same rows in the same order as the whole list")
        }
    }
}

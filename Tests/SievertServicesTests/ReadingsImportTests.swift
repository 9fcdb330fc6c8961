import DoseCore
import Foundation
import Interchange
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Lab readings into the dose of record")
struct ReadingsImportTests {
    static let console = Caller.console(requestID: "readings-test")

    static var sample: [UInt8] {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/lab-export-landauer-style.csv")
            return Array(try Data(contentsOf: url))
        }
    }

    /// The four wearers of the sample file, registered at EX001 with the sample's participant codes.
    static func wearers(_ sievert: Sievert, bobBorn: String = "1975-11-30") async throws -> [String: PersonID] {
        _ = try await sievert.organisations.register(
            NewOrganisation(code: "EX001", name: "Example Trust", kind: "nhs-trust"), by: console)
        var ids: [String: PersonID] = [:]
        for (surname, born, code, staff) in [
            ("Example", "1980-02-29", "P7K2M9", "E1"), ("Sample", bobBorn, "Q4W8N1", "E2"),
            ("Specimen", "1990-06-15", "H3D6R5", "E3"), ("Placeholder", "1968-03-03", "T9B2C7", "E4"),
        ] {
            var input = NewPerson(surname: surname)
            input.dateOfBirth = born
            input.staffNumber = staff
            input.designation = "classified"
            input.startDate = "2020-01-01"
            let person = try await sievert.people.register(input, in: "EX001", by: console)
            _ = try await sievert.participants.codes(for: person.id, adopting: code, by: console)
            ids[surname] = person.id
        }
        return ids
    }

    static func counting(_ history: DoseHistory, _ quantity: Quantity) -> [DoseEntryView] {
        history.entries.filter { $0.counts && $0.quantity == quantity }
    }

    @Test(
        "the Landauer-shaped sample makes exactly the expected dose of record, and again changes nothing",
        arguments: StoreKind.available)
    func sample(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let ids = try await Self.wearers(sievert)
            let report = try await sievert.readingsImport.run(
                try Self.sample, organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.committed)
            #expect(report.rows == 9 && report.imported == 9 && report.controls == 2)
            #expect(report.doseEntries == 14 && report.superseded == 3 && report.withoutControl == 0)

            let asOf = try CalendarDate(iso: "2026-01-31")
            let alice = try await sievert.doses.history(of: try #require(ids["Example"]), asOf: asOf, by: Self.console)
            // Badge v2 (0.26/0.26/0.29) less the PA control (0.05 each) supersedes v1; ring and eye less their control.
            #expect(Self.counting(alice, .effective).map(\.mSv) == ["0.21"])
            #expect(Self.counting(alice, .skin).map(\.mSv) == ["0.24"])
            #expect(Set(Self.counting(alice, .lens).map(\.mSv)) == ["0.21", "0.45"])
            #expect(Self.counting(alice, .extremity).map(\.mSv) == ["1.10"])
            #expect(alice.entries.filter { !$0.counts }.map(\.mSv).sorted() == ["0.23", "0.23", "0.26"])
            #expect(alice.totals.first { $0.quantity == .lens }?.yearToDate == "0.66")

            let bob = try await sievert.doses.history(of: try #require(ids["Sample"]), asOf: asOf, by: Self.console)
            #expect(bob.entries.count == 3)
            #expect(bob.entries.allSatisfy { $0.belowReportingLevel && $0.mSv == "0.00" && $0.kind == .measured })

            let carys = try await sievert.doses.history(of: try #require(ids["Specimen"]), asOf: asOf, by: Self.console)
            #expect(carys.entries.isEmpty)  // returned unused: processed, not accumulated

            let dafydd = try await sievert.doses.history(
                of: try #require(ids["Placeholder"]), asOf: asOf, by: Self.console)
            #expect(dafydd.entries.allSatisfy { $0.kind == .notional })
            #expect(Self.counting(dafydd, .effective).map(\.mSv) == ["1.667"])
            #expect(Self.counting(dafydd, .skin).map(\.mSv) == ["41.667"])

            // The same file again: nothing new.
            let again = try await sievert.readingsImport.run(
                try Self.sample, organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(again.committed && again.imported == 0 && again.alreadyImported == 9 && again.doseEntries == 0)
            let aliceAgain = try await sievert.doses.history(
                of: try #require(ids["Example"]), asOf: asOf, by: Self.console)
            #expect(aliceAgain.entries.count == alice.entries.count)
        }
    }

    @Test(
        "an import appends one dose.record event per wearer it wrote to, with the counts, and one for the file",
        arguments: StoreKind.available)
    func auditedPerWearer(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let ids = try await Self.wearers(sievert)
            let before = try await sievert.store.lastAuditSequence()
            let report = try await sievert.readingsImport.run(
                try Self.sample, organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(report.committed)
            let events = try await sievert.store.auditEvents(after: before, limit: 1_000)
            let records = events.filter { $0.action == "dose.record" }
            // Every wearer of the file once (the unused badge's wearer too: the reading is theirs), nobody else.
            #expect(records.compactMap(\.subjectID).sorted() == ids.values.map(\.description).sorted())
            var readings = 0
            var entries = 0
            for event in records {
                let counts = Dictionary(
                    uniqueKeysWithValues: event.outcome.split(separator: ",").map { part in
                        let pair = part.split(separator: "=")
                        return (String(pair[0]), Int(pair.count == 2 ? pair[1] : "") ?? -1)
                    })
                readings += counts["readings"] ?? -1_000
                entries += counts["entries"] ?? -1_000
                #expect(event.requestID == Self.console.requestID && event.purpose == "dosimetry")
            }
            #expect(readings == report.imported - report.controls)
            #expect(entries == report.doseEntries)
            #expect(events.last?.action == "readings.import" && events.last?.outcome == "readings=9")
            #expect(events.count == records.count + 1)
        }
    }

    @Test(
        "a file of several chunks still gives each wearer exactly one event, whatever chunk their readings end in",
        arguments: StoreKind.available)
    func auditedAcrossChunks(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let ids = try await Self.wearers(sievert)
            // 6,000 badges per wearer: the wearers' readings cross the 8,192-reading chunks of the write.
            let codes = ["P7K2M9", "Q4W8N1", "H3D6R5"]
            var file = "serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version\r\n"
            for (wearer, code) in codes.enumerated() {
                for badge in 0..<6_000 {
                    file +=
                        "B\(wearer)-\(badge),\(code),whole-body,chest,2026-03-01,2026-03-31,0.\(badge % 90 + 10),,,,1\r\n"
                }
            }
            let before = try await sievert.store.lastAuditSequence()
            let report = try await sievert.readingsImport.run(
                Array(file.utf8), organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(report.committed && report.imported == 18_000 && report.doseEntries == 18_000)
            let events = try await sievert.store.auditEvents(after: before, limit: 100)
            let expected = ["Example", "Sample", "Specimen"].compactMap { ids[$0]?.description }.sorted()
            let records = events.filter { $0.action == "dose.record" }
            #expect(records.compactMap(\.subjectID).sorted() == expected)
            #expect(records.allSatisfy { $0.outcome == "readings=6000,entries=6000" }, "\(records.map(\.outcome))")
            #expect(events.map(\.action).filter { $0 == "readings.import" }.count == 1)
        }
    }

    @Test("an identity column that does not match the record, or an unknown participant, stops the whole file")
    func identityChecked() async throws {
        try await withTestRuntime(.sqlite) { test in
            let sievert = test.sievert
            let ids = try await Self.wearers(sievert, bobBorn: "1975-11-29")
            let report = try await sievert.readingsImport.run(
                try Self.sample, organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(!report.committed)
            #expect(report.problems.map(\.line) == [4])
            #expect(report.problems.first?.column == "DOB")
            let alice = try await sievert.doses.history(of: try #require(ids["Example"]), by: Self.console)
            #expect(alice.entries.isEmpty)

            var unknown = try Self.sample
            unknown = Array(
                String(decoding: unknown, as: UTF8.self).replacingOccurrences(of: "T9B2C7", with: "ZZZZZZ").utf8)
            let second = try await sievert.readingsImport.run(
                unknown, organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(second.problems.contains { $0.line == 6 && $0.column == "Participant Number" })
            // The wrong date format for the file: every date is a problem with its line and column.
            let wrongFormat = try await sievert.readingsImport.run(
                try Self.sample, organisationCode: "EX001", dateFormat: .dayMonthYear, by: Self.console)
            #expect(!wrongFormat.committed && wrongFormat.problems.contains { $0.line == 2 })
        }
    }

    @Test("identity columns are never stored, and readings are sealed")
    func nothingPersonalStored() async throws {
        try await withTestRuntime(.sqlite) { test in
            let sievert = test.sievert
            _ = try await Self.wearers(sievert)
            _ = try await sievert.readingsImport.run(
                try Self.sample, organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            await test.runtime.close()
            var scan = PlaintextScan()
            for needle in ["Example, Alice", "Alice", "1980-02-29", "1975-11-30", "Reissued after", "No evaluation"] {
                try scan.add(needle)
            }
            let database = test.runtime.settings.sqlitePath
            let hits = scan.hits(inFiles: [database, database + "-wal"])
            let found = hits.values.reduce(0) { $0 + $1.count }
            #expect(found == 0, "\(hits)")
        }
    }
}

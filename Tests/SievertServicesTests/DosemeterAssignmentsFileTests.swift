import DoseCore
import Foundation
import Interchange
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Assigning from a file, and the issue list as issued")
struct DosemeterAssignmentsFileTests {
    static let console = Caller.console(requestID: "assignments-file-test")

    static func people(_ sievert: Sievert) async throws -> [PersonID] {
        for (code, name) in [("FILE1", "File Trust"), ("FILE2", "Other Trust")] {
            _ = try await sievert.organisations.register(
                NewOrganisation(code: code, name: name, kind: "nhs-trust"), by: console)
        }
        var ids: [PersonID] = []
        for (index, surname) in ["Alpha", "Bravo", "Charlie"].enumerated() {
            var input = NewPerson(surname: surname)
            input.staffNumber = "ST-\(index + 1)"
            input.startDate = "2025-01-01"
            ids.append(try await sievert.people.register(input, in: index < 2 ? "FILE1" : "FILE2", by: console).id)
        }
        return ids
    }

    static func file(_ lines: [String]) -> [UInt8] {
        Array((([AssignmentsCSV.header.joined(separator: ",")] + lines).joined(separator: "\n") + "\n").utf8)
    }

    @Test(
        "people named by staff number or id are assigned all at once; the issue list then lists their codes",
        arguments: StoreKind.available)
    func assignsAndIssues(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let ids = try await Self.people(sievert)
            let report = try await sievert.dosemeters.assign(
                file: Self.file([
                    ",st-1,,chest,monthly,2026-01-01", "\(ids[1]),,,left-finger,quarterly,2026-01-01",
                ]), organisation: "FILE1", by: Self.console)
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.assigned.map(\.person) == [ids[0], ids[1]])
            #expect(report.assigned.map(\.position) == [.chest, .leftFinger])
            #expect(report.assigned.allSatisfy { $0.participantCode != nil })

            await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.issuedList(organisation: "FILE1", month: "2026-01", by: Self.console)
            }
            _ = try await sievert.dosemeters.receive(
                NewDosemeters(kind: "whole-body", technology: "OSL", serials: ["W1", "W2"]), organisation: "FILE1",
                by: Self.console)
            _ = try await sievert.dosemeters.receive(
                NewDosemeters(kind: "extremity", technology: "TLD", serials: ["E1", "E2"]), organisation: "FILE1",
                by: Self.console)
            let issued = try await sievert.dosemeters.issue(organisation: "FILE1", month: "2026-01", by: Self.console)
            let read = try await sievert.dosemeters.issuedList(
                organisation: "FILE1", month: "2026-01", by: Self.console)
            #expect(read.dosemeters == issued.dosemeters)
            #expect(read.issuedNow == 0)
            // Two wearers and one control per kind.
            #expect(read.dosemeters.count == 4)
            // One control per kind and period: the monthly chest badges' January, the quarterly ring's quarter.
            let controls = read.dosemeters.filter { $0.participantCode == nil }
            #expect(controls.map(\.periodEnd.description).sorted() == ["2026-01-31", "2026-03-31"])
            let events = try await sievert.store.auditEvents(actionPrefix: "dosemeter.", limit: 100)
            #expect(events.filter { $0.action == "dosemeter.assign" }.count == 2)
            #expect(events.contains { $0.action == "dosemeter.issue-list.read" })
        }
    }

    @Test(
        "every bad line is reported with its line and column, and nothing is assigned",
        arguments: StoreKind.available)
    func badLines(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let ids = try await Self.people(sievert)
            let bad = try await sievert.dosemeters.assign(
                file: Self.file([
                    ",ST-1,,chest,monthly,", ",ST-9,,chest,monthly,", ",ST-2,,elbow,monthly,",
                    ",ST-2,,chest,weekly,2026-13-01",
                ]), organisation: "FILE1", by: Self.console)
            #expect(bad.assigned.isEmpty)
            #expect(bad.problems.map(\.line) == [3])
            #expect(bad.problems.first?.column == "staff_number")

            let values = try await sievert.dosemeters.assign(
                file: Self.file([",ST-1,,chest,monthly,", ",ST-2,,elbow,monthly,", ",ST-2,,chest,weekly,2026-13-01"]),
                organisation: "FILE1", by: Self.console)
            #expect(values.assigned.isEmpty)
            let located = Set(values.problems.map { "\($0.line):\($0.column ?? "")" })
            #expect(located == ["3:position", "4:frequency", "4:starts"], "\(values.problems)")

            // A person of another organisation is refused like an unknown one, by id as by staff number.
            for line in ["\(ids[2]),,,chest,monthly,", ",ST-3,,chest,monthly,"] {
                let other = try await sievert.dosemeters.assign(
                    file: Self.file([",ST-1,,chest,monthly,", line]), organisation: "FILE1", by: Self.console)
                #expect(other.problems.map(\.line) == [3])
                #expect(other.problems.map(\.column) == [line.hasPrefix(",") ? "staff_number" : "person"])
            }
            #expect(try await sievert.dosemeters.assignments(organisation: "FILE1", by: Self.console).isEmpty)
        }
    }
}

import DoseCore
import Foundation
import Interchange
import SievertTestSupport
import Testing

@Suite("sievert dosemeters")
struct DosemetersCLITests {
    @Test("receive, assign from a file by staff number, issue the lab file, record a return, list the unreturned")
    func dispatchCycle() async throws {
        try await withCLI { cli in
            #expect(
                try await cli.run(["org", "add", "DOSE", "--name", "Dose Trust", "--kind", "nhs-trust"]).status == 0)
            let (people, records) = try CLIHarness.peopleFile(code: "DOSE", count: 3)
            #expect(try await cli.run(["import", "people", try cli.file("people.csv", people)]).status == 0)
            let staff = records.compactMap(\.staffNumber)
            #expect(staff.count == 3)

            let received = try await cli.run(
                ["dosemeters", "receive", "--org", "DOSE", "--kind", "whole-body", "--technology", "OSL"]
                    + (1...5).map { "W-\($0)" })
            #expect(received.status == 0, "\(received.errorText)")

            let header = AssignmentsCSV.header.joined(separator: ",")
            let lines = staff.map { ",\($0),,chest,monthly,2026-01-01" }
            let assignments = try cli.file("assign.csv", Array(([header] + lines).joined(separator: "\n").utf8))
            let assigned = try await cli.run(["dosemeters", "assign", "--org", "DOSE", "--from", assignments])
            #expect(assigned.status == 0, "\(assigned.errorText)")
            #expect(assigned.outputText.split(separator: "\n").count == 3)

            let issued = try await cli.run(["dosemeters", "issue", "--org", "DOSE", "--period", "2026-03"])
            #expect(issued.status == 0, "\(issued.errorText)")
            #expect(issued.errorText.contains("4 dosemeters (4 issued now)"))
            let rows = CSVReader.rows(in: issued.output).compactMap { try? $0.get().fields }
            #expect(rows.first == LabIssueListCSV.header)
            #expect(rows.count == 5)
            #expect(rows.dropFirst().filter { $0[2] == "control" }.count == 1)
            for record in records {
                #expect(!issued.outputText.contains(record.identity.surname))
                #expect(!issued.outputText.contains(record.staffNumber ?? "-"))
            }
            // Issued again: nothing new, the same list, written to a file of mode 0600.
            let out = cli.directory + "/issue.csv"
            let again = try await cli.run(["dosemeters", "issue", "--org", "DOSE", "--period", "2026-03", "--out", out])
            #expect(again.status == 0)
            #expect(again.errorText.contains("(0 issued now)"))
            #expect(FileManager.default.contents(atPath: out).map(Array.init) == issued.output)
            let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
            #expect(mode == 0o600)

            let serial = rows[1][0]
            let returned = try await cli.run(
                [
                    "dosemeters", "return", "--org", "DOSE", "--serial", serial, "--period", "2026-03", "--status",
                    "returned", "--on", "2026-04-10",
                ])
            #expect(returned.status == 0, "\(returned.errorText)")
            let unreturned = try await cli.run(["dosemeters", "unreturned", "--org", "DOSE", "--as-of", "2026-05-31"])
            #expect(unreturned.status == 0)
            let listed = unreturned.outputText.split(separator: "\n").dropFirst()
            #expect(listed.count == 3)
            #expect(!listed.contains { $0.hasPrefix(serial + "\t") })
            #expect(listed.allSatisfy { $0.hasSuffix("\t61\tyes") })
        }
    }

    @Test("a bad assignments file is refused whole with file, line and column; bad options exit non-zero")
    func badInput() async throws {
        try await withCLI { cli in
            try await cli.run(["org", "add", "BADD", "--name", "Bad Trust", "--kind", "nhs-trust"])
            let header = AssignmentsCSV.header.joined(separator: ",")
            let file = try cli.file(
                "bad.csv", Array("\(header)\n,NOBODY,,chest,monthly,\n,,,chest,monthly,\n".utf8))
            let result = try await cli.run(["dosemeters", "assign", "--org", "BADD", "--from", file])
            #expect(result.status == 1)
            #expect(result.errorText.contains("bad.csv:3: column person: give exactly one of person and staff_number"))
            #expect(result.errorText.contains("nothing was assigned"))

            let period = try await cli.run(["dosemeters", "issue", "--org", "BADD", "--period", "March"])
            #expect(period.status == 1)
            #expect(period.errorText.contains("month"))
            #expect(try await cli.run(["dosemeters", "assign", "--org", "BADD"]).status != 0)
            let settings = try await cli.run(["dosemeters", "settings", "--org", "BADD", "--anchor-month", "0"])
            #expect(settings.status == 1)
            let shown = try await cli.run([
                "dosemeters", "settings", "--org", "BADD", "--minimum-reporting-level", "0.1",
            ])
            #expect(shown.status == 0, "\(shown.errorText)")
            #expect(shown.outputText.contains("minimum reporting level: 0.10 mSv"))
        }
    }
}

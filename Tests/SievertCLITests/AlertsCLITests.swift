import DoseCore
import Foundation
import Interchange
import SievertTestSupport
import Testing

@Suite("sievert alerts and sievert mail")
struct AlertsCLITests {
    @Test("an imported reading over the level raises alerts the operator lists and moves on; bad input exits 1")
    func cycle() async throws {
        try await withCLI { cli in
            #expect(
                try await cli.run(["org", "add", "ALC", "--name", "Alert CLI Trust", "--kind", "nhs-trust"]).status == 0
            )
            let (people, records) = try CLIHarness.peopleFile(code: "ALC", count: 1)
            #expect(try await cli.run(["import", "people", try cli.file("people.csv", people)]).status == 0)
            let staff = try #require(records.first?.staffNumber)
            let assignments = try cli.file(
                "assign.csv",
                Array("\(AssignmentsCSV.header.joined(separator: ","))\n,\(staff),,chest,monthly,2026-01-01\n".utf8))
            let assigned = try await cli.run(["dosemeters", "assign", "--org", "ALC", "--from", assignments])
            #expect(assigned.status == 0, "\(assigned.errorText)")
            let code = try #require(assigned.outputText.split(separator: "\t").dropFirst(2).first.map(String.init))

            #expect(try await cli.run(["alerts", "levels", "--org", "ALC", "--effective", "5"]).status == 0)
            let readings = """
                serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version
                C-9,,control,none,2026-03-01,2026-03-31,0.00,0.00,,,1
                W-9,\(code),whole-body,chest,2026-03-01,2026-03-31,5.50,5.50,,,1
                """
            let imported = try await cli.run(
                ["import", "readings", try cli.file("readings.csv", Array(readings.utf8)), "--org", "ALC"])
            #expect(imported.status == 0, "\(imported.errorText)")

            let listed = try await cli.run(["alerts", "list", "--org", "ALC"])
            #expect(listed.status == 0)
            let rows = listed.outputText.split(separator: "\n").dropFirst().map { $0.split(separator: "\t") }
            #expect(rows.count == 1)
            #expect(rows.first?[3] == "over-investigation-level" && rows.first?[5] == "5.50")
            let id = try #require(rows.first?.first.map(String.init))
            let stepped = try await cli.run(["alerts", "step", id, "acknowledged"])
            #expect(stepped.status == 0, "\(stepped.errorText)")
            #expect(stepped.outputText.contains("acknowledged"))
            let closing = try await cli.run(["alerts", "step", id, "closed"])
            #expect(closing.status == 1)
            #expect(closing.errorText.contains("acknowledged cannot become closed"))

            #expect(try await cli.run(["alerts", "step", "nonsense", "closed"]).status != 0)
            let level = try await cli.run(["alerts", "levels", "--org", "ALC", "--lens", "minus one"])
            #expect(level.status == 1)
            #expect(level.errorText.contains("organisation.lens"))
            let mail = try await cli.run(["mail", "send"])
            #expect(mail.status == 1)
            #expect(mail.errorText.contains("no mail relay configured"))
        }
    }
}

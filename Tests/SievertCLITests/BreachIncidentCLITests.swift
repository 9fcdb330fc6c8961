import Foundation
import SievertTestSupport
import Testing

/// `sievert breach declare | scope | plan | report | letters | decide | delivery` against a demo data directory.
@Suite("sievert breach incident commands")
struct BreachIncidentCLITests {
    @Test("declare, scope by the root key, plan, then the report and letters as new 0600 files")
    func wholeRun() async throws {
        try await withCLI { cli in
            #expect(try await cli.run(["demo"]).status == 0)
            let declared = try await cli.run([
                "breach", "declare", "--summary", "Backup disk lost in transit, with the key file.",
                "--occurred", "2026-11-20", "--contact", "Data Protection Officer",
            ])
            #expect(declared.status == 0, "\(declared.errorText)")
            let id = try #require(declared.outputText.split(separator: " ").first.map(String.init))
            let scoped = try await cli.run(["breach", "scope", id, "--root-key", "1"])
            #expect(scoped.status == 0, "\(scoped.errorText)")
            #expect(scoped.outputText.contains("300 records found (300 with readable fields)"))
            let planned = try await cli.run(["breach", "plan", id])
            #expect(planned.status == 0 && planned.outputText.hasPrefix("300 records, "), "\(planned.errorText)")

            let report = cli.directory + "/art33.json"
            #expect(try await cli.run(["breach", "report", id, "--format", "json", "--out", report]).status == 0)
            let json = try String(contentsOfFile: report, encoding: .utf8)
            #expect(json.contains("\"records\" : 300"))
            let letters = cli.directory + "/letters.html"
            #expect(try await cli.run(["breach", "letters", id, "--out", letters]).status == 0)
            #expect(try String(contentsOfFile: letters, encoding: .utf8).contains("<article class=\"letter\">"))
            let list = cli.directory + "/list.csv"
            #expect(
                try await cli.run(["breach", "letters", id, "--format", "csv", "--org", "CYMAIR", "--out", list]).status
                    == 0)
            let rows = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\r\n")
            #expect(rows.count == 26 && rows.dropFirst().allSatisfy { $0.hasPrefix("CYMAIR,") })
            for path in [report, letters, list] {
                #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
            }
            // An existing file is never overwritten.
            let again = try await cli.run(["breach", "letters", id, "--out", letters])
            #expect(again.status != 0 && again.errorText.contains("already exists"))

            let listed = try await cli.run(["breach", "list"])
            #expect(listed.outputText.contains(id) && listed.outputText.contains("open"))
            #expect(
                try await cli.run(["breach", "decide", id, "reported", "--text", "ICO reference 0001"]).status == 0)
            #expect(try await cli.run(["breach", "list"]).outputText.contains("reported"))
        }
    }

    @Test("bad input: a clear reason, the leaked file's line, and nothing recorded")
    func badInput() async throws {
        try await withCLI { cli in
            #expect(try await cli.run(["demo"]).status == 0)
            let noSummary = try await cli.run([
                "breach", "declare", "--summary", " ", "--occurred", "2026-11-20", "--contact", "DPO",
            ])
            #expect(noSummary.status != 0 && noSummary.errorText.contains("summary"))
            let badDate = try await cli.run([
                "breach", "declare", "--summary", "x", "--occurred", "last week", "--contact", "DPO",
            ])
            #expect(badDate.status != 0 && badDate.errorText.contains("--occurred"))
            let declared = try await cli.run([
                "breach", "declare", "--summary", "x", "--occurred", "2026-11-20", "--contact", "D",
            ])
            let id = try #require(declared.outputText.split(separator: " ").first.map(String.init))
            let two = try await cli.run(["breach", "scope", id, "--root-key", "1", "--organisation-key", "AVUHB:1"])
            #expect(two.status != 0 && two.errorText.contains("exactly one"))
            let leak = try cli.file("leak.csv", Array("record_id,name\n1,Someone\n".utf8))
            let broken = try await cli.run(["breach", "scope", id, "--people-file", leak])
            #expect(broken.status != 0 && broken.errorText.contains("leak.csv: line 1"), "\(broken.errorText)")
            let unknown = try await cli.run(["breach", "plan", "01a20b2a-836c-786f-a0ac-bd68af38175b"])
            #expect(unknown.status != 0 && unknown.errorText.contains("not found"))
            let notScoped = try await cli.run(["breach", "plan", id])
            #expect(notScoped.status != 0 && notScoped.errorText.contains("scope the incident first"))
        }
    }
}

import DoseCore
import Foundation
import Interchange
import SievertTestSupport
import Testing

@Suite("sievert import / export people")
struct ImportPeopleCLITests {
    @Test("a good file imports whole, and importing it again changes nothing")
    func importAndReimport() async throws {
        try await withCLI { cli in
            #expect(
                try await cli.run(["org", "add", "CLITRUST", "--name", "CLI Trust", "--kind", "nhs-trust"]).status == 0)
            let (bytes, _) = try CLIHarness.peopleFile(code: "CLITRUST", count: 250)
            let file = try cli.file("people.csv", bytes)

            let first = try await cli.run(["import", "people", file])
            #expect(first.status == 0, "\(first.errorText)")
            #expect(first.outputText.contains("250 lines: 250 created, 0 updated, 0 unchanged, 0 rejected"))

            let second = try await cli.run(["import", "people", file])
            #expect(second.status == 0)
            #expect(second.outputText.contains("250 lines: 0 created, 0 updated, 250 unchanged, 0 rejected"))

            // An export read back in is recognised as the same people (matched by staff number).
            let exported = try await cli.run(["export", "people", "--org", "CLITRUST"])
            #expect(exported.status == 0)
            let parsed = PeopleCSV.parse(exported.output, today: .init(Date()))
            #expect(parsed.records.count == 250 && parsed.problems.isEmpty)
            let third = try await cli.run(["import", "people", try cli.file("export.csv", exported.output)])
            #expect(third.outputText.contains("0 created, 0 updated, 250 unchanged"), "\(third.outputText)")
        }
    }

    @Test("a changed contact detail updates only that person")
    func update() async throws {
        try await withCLI { cli in
            try await cli.run(["org", "add", "UPD", "--name", "Update Trust", "--kind", "nhs-trust"])
            var (bytes, records) = try CLIHarness.peopleFile(code: "UPD", count: 20)
            try await cli.run(["import", "people", try cli.file("a.csv", bytes)])
            records[7].contact.email = "moved.house@example.net"
            bytes = PeopleCSV.write(records)
            let result = try await cli.run(["import", "people", try cli.file("b.csv", bytes)])
            #expect(result.outputText.contains("20 lines: 0 created, 1 updated, 19 unchanged"), "\(result.outputText)")
        }
    }

    static let header = PeopleCSV.header.joined(separator: ",")

    @Test("a file with bad lines is rejected whole, every bad line reported with line, column and reason")
    func badLines() async throws {
        try await withCLI { cli in
            try await cli.run(["org", "add", "BAD", "--name", "Bad Trust", "--kind", "nhs-trust"])
            let lines = [
                Self.header,
                "r1,BAD,S1,Ann,Goodperson,1980-01-01,F,AB123456C,,,,,active,,",
                "r2,BAD,S2,Bob,Badninoson,1980-01-01,M,QQ123456C,,,,,active,,",
                "r3,BAD,S3,Cat,Baddateson,1980-02-30,F,,,,,,active,,",
                "r4,BAD,S4,Dan,Ukdateson,01/02/1980,M,,,,,,active,,",
                "r1,BAD,S5,Eve,Duplicateid,1980-01-01,F,,,,,,active,,",
                "r6,NOSUCHORG,S6,Fay,Noorgson,1980-01-01,F,,,,,,active,,",
                "r7,BAD,S7,Gus,Badsex,1980-01-01,Q,,,,,,active,,",
                "r8,BAD,S8,\"Hal,Unclosed,1980-01-01,M,,,,,,active,,",
            ]
            let file = try cli.file("bad.csv", Array(lines.joined(separator: "\r\n").utf8))
            let result = try await cli.run(["import", "people", file])
            #expect(result.status == 1)
            let errors = result.errorText
            for expected in [
                "bad.csv:3: column ni_number:", "bad.csv:4: column date_of_birth:", "bad.csv:5: column date_of_birth:",
                "bad.csv:6: column record_id:", "bad.csv:7: column organisation_code:", "bad.csv:8: column sex:",
                "bad.csv:9:",
            ] {
                #expect(errors.contains(expected), "missing \(expected) in \(errors)")
            }
            #expect(!errors.contains("bad.csv:2:"))
            #expect(errors.contains("nothing was imported"))
            let exported = try await cli.run(["export", "people", "--org", "BAD"])
            #expect(PeopleCSV.parse(exported.output, today: .init(Date())).records.isEmpty)
        }
    }

    @Test("with --rejects the good lines are committed and the bad ones written out with reasons")
    func rejects() async throws {
        try await withCLI { cli in
            try await cli.run(["org", "add", "REJ", "--name", "Reject Trust", "--kind", "dental"])
            let lines = [
                Self.header,
                "r1,REJ,S1,Ann,Goodperson,1980-01-01,F,AB123456C,,,,,active,,",
                "r2,REJ,S2,Bob,Badninoson,1980-01-01,M,QQ123456C,,,,,active,,",
                "r3,REJ,S3,Cat,Alsogoodson,1981-01-01,F,,,,,,active,,",
            ]
            let file = try cli.file("mixed.csv", Array(lines.joined(separator: "\n").utf8))
            let rejects = cli.directory + "/rejects.csv"
            let result = try await cli.run(["import", "people", file, "--rejects", rejects])
            #expect(result.status == 1)
            #expect(result.outputText.contains("3 lines: 2 created, 0 updated, 0 unchanged, 1 rejected"))
            let written = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(written.contains("Badninoson") && written.contains("ni_number"))
            #expect(!written.contains("Goodperson"))
            let attributes = try FileManager.default.attributesOfItem(atPath: rejects)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test(
        "hostile files get a clear error and commit nothing",
        arguments: ["header", "field", "binary", "empty", "missing"])
    func hostile(kind: String) async throws {
        try await withCLI { cli in
            try await cli.run(["org", "add", "HOST", "--name", "Hostile Trust", "--kind", "other"])
            let path: String
            switch kind {
            case "header":
                path = try cli.file("h.csv", Array("id,org,name\nr1,HOST,Smith\n".utf8))
            case "field":
                let huge = String(repeating: "A", count: 10 * 1024 * 1024)
                path = try cli.file("f.csv", Array("\(Self.header)\nr1,HOST,,,\(huge),,,,,,,,,,\n".utf8))
            case "binary":
                var generator = SystemRandomNumberGenerator()
                path = try cli.file("b.csv", (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
            case "empty":
                path = try cli.file("e.csv", [])
            default:
                path = cli.directory + "/does-not-exist.csv"
            }
            let result = try await cli.run(["import", "people", path])
            #expect(result.status == 1)
            #expect(result.errorText.contains((path as NSString).lastPathComponent), "\(result.errorText.prefix(300))")
            #expect(!result.errorText.contains("Fatal error"))
            let exported = try await cli.run(["export", "people", "--org", "HOST"])
            #expect(PeopleCSV.parse(exported.output, today: .init(Date())).records.isEmpty)
        }
    }
}

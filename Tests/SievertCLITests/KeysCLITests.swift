import Foundation
import SievertTestSupport
import Testing

@Suite("sievert keys and sievert retention through the real binary")
struct KeysCLITests {
    @Test("status, rotate-root, rotate-org, retire, verify: exit codes and what they print")
    func rotation() async throws {
        try await withCLI { cli in
            #expect(try await cli.run(["org", "add", "KEY", "--name", "Key Trust", "--kind", "nhs-trust"]).status == 0)
            let (bytes, _) = try CLIHarness.peopleFile(code: "KEY", count: 12)
            #expect(try await cli.run(["import", "people", try cli.file("p.csv", bytes)]).status == 0)
            let exportedBefore = try await cli.run(["export", "people", "--org", "KEY"])
            #expect(exportedBefore.status == 0 && exportedBefore.output.count > 500)
            let before = try await cli.run(["keys", "status"])
            #expect(before.status == 0)
            #expect(before.outputText.contains("KEY\tv1\tv1\tv1:12\t-\t0\t0"), "\(before.outputText)")
            // The primary cannot be retired.
            let early = try await cli.run(["keys", "retire", "1"])
            #expect(early.status == 1 && early.errorText.contains("primary"), "\(early.errorText)")
            let root = try await cli.run(["keys", "rotate-root"])
            #expect(root.status == 0 && root.outputText.contains("root version 2 is primary; 4 keys rewrapped"))
            let org = try await cli.run(["keys", "rotate-org", "KEY"])
            #expect(
                org.status == 0 && org.outputText.contains("KEY version 2 is primary; 12 keys"), "\(org.outputText)")
            #expect(try await cli.run(["keys", "retire", "v1"]).status == 0)
            #expect(try await cli.run(["keys", "retire", "1", "--org", "KEY"]).status == 0)
            let after = try await cli.run(["keys", "status"])
            #expect(after.outputText.contains("root\tv2\tv2\tv2:4\t-\t0\t0"), "\(after.outputText)")
            #expect(after.outputText.contains("KEY\tv2\tv2\tv2:12\t-\t0\t0"), "\(after.outputText)")
            let verify = try await cli.run(["keys", "verify"])
            #expect(verify.status == 0 && verify.outputText.contains("13 keys unwrapped"), "\(verify.outputText)")
            // The records read back the same after the rotation.
            let exported = try await cli.run(["export", "people", "--org", "KEY"])
            #expect(exported.status == 0 && exported.output == exportedBefore.output)
            #expect(try await cli.run(["keys", "retire", "nine"]).status == 64)
        }
    }

    @Test("retention: a dry run by default, its report written privately")
    func retention() async throws {
        try await withCLI { cli in
            #expect(
                try await cli.run(["org", "add", "RET", "--name", "Retention Trust", "--kind", "nhs-trust"]).status == 0
            )
            let (bytes, _) = try CLIHarness.peopleFile(code: "RET", count: 5)
            #expect(try await cli.run(["import", "people", try cli.file("p.csv", bytes)]).status == 0)
            let run = try await cli.run(["retention"])
            #expect(run.status == 0, "\(run.errorText)")
            #expect(run.outputText.contains("5 people examined, 0 past retention, 0 shredded"), "\(run.outputText)")
            #expect(run.outputText.contains("(dry run)"))
            let directory = cli.dataDirectory + "/retention"
            let reports = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(reports.count == 1 && reports[0].hasSuffix("-dry-run.json"))
            let mode = try FileManager.default.attributesOfItem(atPath: directory + "/" + reports[0])[.posixPermissions]
            #expect(mode as? Int == 0o600)
        }
    }
}

import Foundation
import SievertTestSupport
import Testing

/// `sievert backup` and `sievert restore` through the real binary, as an operator runs them.
@Suite("sievert backup / restore")
struct BackupCLITests {
    @Test("a backup restores into a new data directory with the same people and a verifying ledger")
    func roundTrip() async throws {
        try await withCLI { cli in
            // setup
            #expect(
                try await cli.run(["org", "add", "BKC", "--name", "Backup Trust", "--kind", "nhs-trust"]).status == 0)
            let (bytes, _) = try CLIHarness.peopleFile(code: "BKC", count: 40)
            #expect(try await cli.run(["import", "people", try cli.file("p.csv", bytes)]).status == 0)
            let backupDirectory = cli.directory + "/backup"
            let restored = cli.directory + "/restored"
            let rootKey = cli.dataDirectory + "/keys/root.keyset"

            // MUT
            let backup = try await cli.run(["backup", "--to", backupDirectory])
            let restore = try await cli.run(
                ["restore", "--from", backupDirectory, "--data-dir", restored, "--root-key-file", rootKey],
                dataDirectory: false)

            // validate
            #expect(backup.status == 0, "\(backup.errorText)")
            #expect(backup.outputText.contains("written to \(backupDirectory)"), "\(backup.outputText)")
            #expect(backup.outputText.contains("40 people, 0 dose entries"), "\(backup.outputText)")
            #expect(backup.errorText.contains("keep the root key file apart from the backup"))
            #expect(restore.status == 0, "\(restore.errorText)")
            #expect(restore.outputText.contains("40 people"), "\(restore.outputText)")
            #expect(restore.outputText.contains("audit ledger verified"), "\(restore.outputText)")
            // The restored store answers with the same people, decrypted with the same root key.
            let original = try await cli.run(["export", "people", "--org", "BKC"])
            let copy = try await cli.run(
                ["export", "people", "--org", "BKC", "--data-dir", restored, "--root-key-file", rootKey],
                dataDirectory: false)
            #expect(original.status == 0 && copy.status == 0, "\(copy.errorText)")
            #expect(copy.output == original.output && original.output.count > 40 * 50)
            let verified = try await cli.run(
                ["audit", "verify", "--data-dir", restored, "--root-key-file", rootKey], dataDirectory: false)
            #expect(verified.status == 0 && verified.outputText.hasPrefix("ok: "), "\(verified.outputText)")
        }
    }

    @Test("restore refuses a target in use (exit 1) and a tampered backup (exit 3), leaving the target as it was")
    func refusals() async throws {
        try await withCLI { cli in
            #expect(
                try await cli.run(["org", "add", "BKR", "--name", "Refusal Trust", "--kind", "dental"]).status == 0)
            let backupDirectory = cli.directory + "/backup"
            let rootKey = cli.dataDirectory + "/keys/root.keyset"
            #expect(try await cli.run(["backup", "--to", backupDirectory]).status == 0)

            // Into the data directory in use: refused, and the source database is not changed.
            let database = cli.dataDirectory + "/sievert.sqlite"
            let before = FileManager.default.contents(atPath: database)
            let inUse = try await cli.run(["restore", "--from", backupDirectory])
            #expect(inUse.status == 1)
            #expect(inUse.errorText.contains("restore only into a new data directory"), "\(inUse.errorText)")
            #expect(FileManager.default.contents(atPath: database) == before)

            // A manifest edited by one byte: exit 3, nothing created.
            let manifest = backupDirectory + "/manifest"
            var bytes = try #require(FileManager.default.contents(atPath: manifest))
            bytes[20] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: manifest))
            let target = cli.directory + "/never"
            let tampered = try await cli.run(
                ["restore", "--from", backupDirectory, "--data-dir", target, "--root-key-file", rootKey],
                dataDirectory: false)
            #expect(tampered.status == 3, "\(tampered.errorText)")
            #expect(tampered.errorText.contains("restore refused"), "\(tampered.errorText)")
            #expect(!FileManager.default.fileExists(atPath: target))

            // No root key named for a new data directory: the restore does not invent one.
            let keyless = try await cli.run(
                ["restore", "--from", backupDirectory, "--data-dir", target], dataDirectory: false)
            #expect(keyless.status == 1)
            #expect(keyless.errorText.contains("--root-key-file"), "\(keyless.errorText)")
            #expect(!FileManager.default.fileExists(atPath: target))
        }
    }
}

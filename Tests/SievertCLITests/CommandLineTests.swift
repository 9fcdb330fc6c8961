import Foundation
import SievertTestSupport
import Testing

@Suite("sievert command line")
struct CommandLineTests {
    @Test("org add registers an organisation; a bad kind or code is an error naming the rule")
    func organisations() async throws {
        try await withCLI { cli in
            let added = try await cli.run(["org", "add", "vetco", "--name", "Vet Co", "--kind", "veterinary"])
            #expect(added.status == 0, "\(added.errorText)")
            #expect(try await cli.run(["org", "list"]).outputText.contains("VETCO\tveterinary\tVet Co"))
            let badKind = try await cli.run(["org", "add", "OTHER", "--name", "X", "--kind", "castle"])
            #expect(badKind.status == 1)
            #expect(badKind.errorText.contains("kind"))
            let duplicate = try await cli.run(["org", "add", "VETCO", "--name", "Again", "--kind", "dental"])
            #expect(duplicate.status == 1)
            #expect(duplicate.errorText.contains("already registered"))
        }
    }

    @Test("production mode refuses to start without a root key file, or with one inside the data directory")
    func productionKeys() async throws {
        try await withCLI { cli in
            let none = try await cli.run(["org", "list", "--production"])
            #expect(none.status == 2)
            #expect(none.errorText.contains("--root-key-file"))
            // A development run creates a key inside the data directory; production must refuse that file.
            #expect(try await cli.run(["org", "list"]).status == 0)
            let inside = try await cli.run([
                "org", "list", "--production", "--root-key-file", cli.dataDirectory + "/keys/root.keyset",
            ])
            #expect(inside.status == 2)
            #expect(inside.errorText.contains("inside the data directory"))
            let missing = try await cli.run([
                "org", "list", "--production", "--root-key-file", cli.directory + "/nope.keyset",
            ])
            #expect(missing.status == 2)
        }
    }

    @Test("the development root key and data directory are private to their owner")
    func permissions() async throws {
        try await withCLI { cli in
            #expect(try await cli.run(["org", "list"]).status == 0)
            let key = try FileManager.default.attributesOfItem(atPath: cli.dataDirectory + "/keys/root.keyset")
            #expect((key[.posixPermissions] as? Int) == 0o600)
            let directory = try FileManager.default.attributesOfItem(atPath: cli.dataDirectory)
            #expect((directory[.posixPermissions] as? Int) == 0o700)
        }
    }
}

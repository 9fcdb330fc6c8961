import Crypto
import DoseCore
import Foundation
import Passbook
import SievertTestSupport
import Testing

/// `sievert passbook verify` on files built here: a valid passbook, a tampered one, a malformed one, the service's
/// own key by default.
@Suite("sievert passbook verify")
struct PassbookCLITests {
    /// A synthetic passbook of three monthly entries signed with `key`, as file text.
    static func passbook(_ key: Curve25519.Signing.PrivateKey) throws -> String {
        let holder = try PassbookHolder(
            serial: "PB-CLI-1", personID: PersonID.generate(), surname: "Ap Iorwerth", forenames: "Cai",
            dateOfBirth: try CalendarDate(iso: "1985-06-30"), nino: try NINO(parsing: "AB123456C"),
            issuedAt: Date(timeIntervalSince1970: 1_735_689_600))
        var total: Int64 = 0
        let entries = try (1...3).map { month in
            guard let period = DosePeriod.month(year: 2025, month: month) else {
                throw ValidationError(field: "p", reason: "")
            }
            total += Int64(100 * month)
            return try PassbookEntry(
                issuedAt: Date(timeIntervalSince1970: 1_740_000_000 + Double(month) * 2_600_000), service: "RPS Wales",
                employer: try OrganisationCode("AVUHB"), period: period, kind: .measured,
                doses: PassbookDoses(hp10: Dose(microsieverts: Int64(100 * month)), hp007: .zero, hp3: nil),
                yearToDate: PassbookDoses(hp10: Dose(microsieverts: total), hp007: .zero, hp3: nil),
                designation: .classified)
        }
        return try PassbookSigner(privateKey: key).issue(
            holder: holder, entries: entries, sealedAt: Date(timeIntervalSince1970: 1_750_000_000)
        ).text
    }

    static func prepared(_ cli: CLIHarness) throws -> (
        key: Curve25519.Signing.PrivateKey, file: String, publicKey: String
    ) {
        let key = Curve25519.Signing.PrivateKey()
        let file = try cli.file("passbook.txt", Array(try passbook(key).utf8))
        let publicKey = try cli.file("service.pub", Array(PassbookSigner(privateKey: key).verifier.publicKeyFile.utf8))
        return (key, file, publicKey)
    }

    @Test("A valid passbook: exit 0 and a one-line summary without the holder's identity")
    func valid() async throws {
        try await withCLI { cli in
            let (_, file, publicKey) = try Self.prepared(cli)
            let result = try await cli.run(["passbook", "verify", file, "--public-key", publicKey])
            #expect(result.status == 0, "\(result.errorText)")
            #expect(
                result.outputText.hasPrefix("\(file): ok: passbook PB-CLI-1, 3 entries, sealed 2025-06-15T15:06:40Z"))
            #expect(result.outputText.split(separator: "\n").count == 1)
            #expect(!result.outputText.contains("Iorwerth") && !result.outputText.contains("AB123456C"))
        }
    }

    @Test("Tampered passbooks: exit 3 with the file, the line and the reason")
    func tampered() async throws {
        try await withCLI { cli in
            let (_, file, publicKey) = try Self.prepared(cli)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let cases: [(String, String, String)] = [
                (
                    "dose", text.replacingOccurrences(of: "hp10 0.200\n", with: "hp10 0.199\n"),
                    ":41: entry 2: the signature does not verify"
                ),
                (
                    "removed", String.file(text.records.enumerated().filter { $0.offset != 1 }.map(\.element)),
                    ":11: entry 1: broken chain"
                ),
                ("other key", try Self.passbook(Curve25519.Signing.PrivateKey()), ":9: holder: signed by key"),
            ]
            for (name, tampered, expected) in cases {
                let path = try cli.file("\(name).txt", Array(tampered.utf8))
                let result = try await cli.run(["passbook", "verify", path, "--public-key", publicKey])
                #expect(result.status == 3, "\(name): \(result.errorText)")
                #expect(result.errorText.contains(path + expected), "\(name): \(result.errorText)")
            }
        }
    }

    @Test("Malformed passbooks and key files: exit 1 with the file, the line and the reason")
    func malformed() async throws {
        try await withCLI { cli in
            let (_, file, publicKey) = try Self.prepared(cli)
            var bytes = Array(try String(contentsOfFile: file, encoding: .utf8).utf8)
            bytes[bytes.count - 2] = 0
            let nul = try cli.file("nul.txt", bytes)
            let result = try await cli.run(["passbook", "verify", nul, "--public-key", publicKey])
            #expect(result.status == 1)
            #expect(result.errorText.contains("\(nul):62: malformed: control character 0x00"), "\(result.errorText)")
            let garbage = try cli.file("garbage.txt", Array("hello\n".utf8))
            let second = try await cli.run(["passbook", "verify", garbage, "--public-key", publicKey])
            #expect(second.status == 1)
            #expect(second.errorText.contains("\(garbage):1: malformed: not a Sievert passbook"))
            let missing = try await cli.run([
                "passbook", "verify", cli.directory + "/none.txt", "--public-key", publicKey,
            ])
            #expect(missing.status == 1 && missing.errorText.contains("cannot read the file"))
            let badKey = try cli.file("bad.pub", Array("not a key\n".utf8))
            let keyResult = try await cli.run(["passbook", "verify", file, "--public-key", badKey])
            #expect(keyResult.status == 1 && keyResult.errorText.contains("not an Ed25519 public key"))
        }
    }

    @Test("Without --public-key, the service's own passbook key in the data directory is used")
    func defaultKey() async throws {
        try await withCLI { cli in
            let (_, file, _) = try Self.prepared(cli)
            let none = try await cli.run(["passbook", "verify", file])
            #expect(none.status == 1 && none.errorText.contains("no --public-key given"), "\(none.errorText)")
            let key = Curve25519.Signing.PrivateKey()
            try FileManager.default.createDirectory(
                atPath: cli.dataDirectory + "/keys", withIntermediateDirectories: true)
            try Data(key.rawRepresentation.base64EncodedString().utf8).write(
                to: URL(fileURLWithPath: cli.dataDirectory + "/keys/passbook-signing.key"))
            let own = try cli.file("own.txt", Array(try Self.passbook(key).utf8))
            #expect(try await cli.run(["passbook", "verify", own]).status == 0)
            // A passbook from another service's key is not this service's.
            #expect(try await cli.run(["passbook", "verify", file]).status == 3)
        }
    }
}

extension String {
    fileprivate var records: [String] { dropLast().components(separatedBy: "\n\n") }

    fileprivate static func file(_ records: [String]) -> String { records.joined(separator: "\n\n") + "\n" }
}

@Suite("sievert passbook issue")
struct PassbookIssueCLITests {
    @Test("refuses someone never classified with exit 1, and never overwrites an existing file")
    func refusals() async throws {
        try await withCLI { cli in
            #expect(
                try await cli.run(["org", "add", "PBK", "--name", "Passbook Trust", "--kind", "nhs-trust"]).status == 0)
            let (people, _) = try CLIHarness.peopleFile(code: "PBK", count: 1)
            #expect(try await cli.run(["import", "people", try cli.file("people.csv", people)]).status == 0)
            let existing = try cli.file("taken.txt", Array("keep me".utf8))
            let taken = try await cli.run(["passbook", "issue", "--person", UUID().uuidString, "--out", existing])
            #expect(taken.status == 1)
            #expect(taken.errorText.contains("already exists"))
            #expect(FileManager.default.contents(atPath: existing) == Data("keep me".utf8))
            let unknown = try await cli.run(
                ["passbook", "issue", "--person", UUID().uuidString.lowercased(), "--out", cli.directory + "/p.txt"])
            #expect(unknown.status == 1)
            #expect(unknown.errorText.contains("not found"))
            #expect(!FileManager.default.fileExists(atPath: cli.directory + "/p.txt"))
            #expect(
                try await cli.run(["passbook", "issue", "--person", "nobody", "--out", cli.directory + "/q.txt"]).status
                    != 0)
        }
    }
}

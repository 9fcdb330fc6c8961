import Foundation
import SeededRandom
import Testing
import Vault

@testable import BackupFormat

@Suite("Backup manifests")
struct ManifestTests {
    static let salt = [UInt8](repeating: 7, count: 32)

    static func open(_ bytes: [UInt8], keyset: Keyset) throws -> BackupManifest {
        try BackupManifest.open(bytes) { version, salt throws(VaultError) in
            try BackupKeys(keyset: keyset, version: version, salt: salt)
        }
    }

    @Test("a sealed manifest opens to itself and reads as JSON followed by its authentication line")
    func roundTrip() throws {
        let keyset = Fixture.keyset()
        let manifest = Fixture.manifest()
        let sealed = try manifest.sealed(with: try Fixture.keys(keyset))
        #expect(try Self.open(sealed, keyset: keyset) == manifest)
        let text = String(decoding: sealed, as: UTF8.self)
        #expect(text.hasPrefix("{\n"))
        #expect(text.contains("\"auditEvents\" : 5678"))
        let last = try #require(text.split(separator: "\n").last)
        #expect(last.hasPrefix("hmac-sha256 ") && last.count == 12 + 16 + 1 + 64)
    }

    @Test("any edit of the manifest's body is refused as an edit")
    func edited() throws {
        let keyset = Fixture.keyset()
        let sealed = try Fixture.manifest().sealed(with: try Fixture.keys(keyset))
        let text = String(decoding: sealed, as: UTF8.self)
        for (from, to) in [
            ("5678", "5679"), ("1200", "1300"), ("0007_incidents", "0006_alerts"), ("sqlite", "postgres"),
        ] {
            let edited = Array(text.replacingOccurrences(of: from, with: to).utf8)
            #expect(edited != sealed)
            #expect(formatError { try Self.open(edited, keyset: keyset) } == .manifestEdited, "\(from) → \(to)")
        }
        // Every single-bit flip anywhere (body or authentication line) is refused.
        for position in 0..<sealed.count {
            var flipped = sealed
            flipped[position] ^= 0x20
            #expect(formatError { try Self.open(flipped, keyset: keyset) } != nil, "flip at \(position)")
        }
    }

    @Test("another root key, a salt or key version changed, or a retired key version are told as a wrong key")
    func wrongKey() throws {
        let keyset = Fixture.keyset()
        let sealed = try Fixture.manifest().sealed(with: try Fixture.keys(keyset))
        guard case .some(let error) = formatError({ try Self.open(sealed, keyset: Fixture.keyset()) }) else {
            Issue.record("another root key opened the manifest")
            return
        }
        #expect(error.description.contains("another root key"))
        let text = String(decoding: sealed, as: UTF8.self)
        let otherSalt = Data([UInt8](repeating: 8, count: 32)).base64EncodedString()
        let saltEdited = Array(
            text.replacingOccurrences(of: Data(Self.salt).base64EncodedString(), with: otherSalt).utf8)
        #expect(
            formatError { try Self.open(saltEdited, keyset: keyset) }?.description.contains("another root key") == true)
        let versionEdited = Array(
            text.replacingOccurrences(of: "\"rootKeyVersion\" : 1", with: "\"rootKeyVersion\" : 2").utf8)
        #expect(
            formatError { try Self.open(versionEdited, keyset: keyset) }?.description.contains("holds no key v2")
                == true)
        // After rotation the old version still opens the backups made under it, until it is retired.
        let (rotated, next) = keyset.adding()
        let promoted = try rotated.promoting(next)
        #expect(try Self.open(sealed, keyset: promoted) == Fixture.manifest())
        #expect(
            formatError { try Self.open(sealed, keyset: try promoted.retiring(1)) }?.description.contains("no key v1")
                == true)
    }

    @Test("hostile manifest files are refused with a reason and never trap")
    func hostileFiles() throws {
        let keyset = Fixture.keyset()
        let sealed = try Fixture.manifest().sealed(with: try Fixture.keys(keyset))
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("no final newline", Array(sealed.dropLast())),
            ("only the authentication line", Array(sealed.suffix(94))),
            ("no authentication line", Array(sealed.prefix(sealed.count - 94))),
            ("too large", sealed + [UInt8](repeating: 0x20, count: 1 << 20)),
            ("not JSON", Array("not json\n".utf8) + Array(sealed.suffix(94))),
            ("deep nesting", [UInt8](repeating: UInt8(ascii: "["), count: 100_000) + Array(sealed.suffix(94))),
            ("binary", SplitMix64(seed: 1).bytesWithNewline(5000)),
            ("upper-case tag", Array(String(decoding: sealed, as: UTF8.self).uppercased().utf8)),
        ]
        for (name, bytes) in cases {
            #expect(formatError { try Self.open(bytes, keyset: keyset) } != nil, "\(name)")
        }
        #expect(
            formatError { try Self.open(sealed + [UInt8](repeating: 0x20, count: 1 << 20), keyset: keyset) }
                == .manifestTooLarge(sealed.count + (1 << 20)))
    }

    @Test("a manifest in another format version is refused as such")
    func unsupportedVersion() throws {
        let keyset = Fixture.keyset()
        let text = String(decoding: try Fixture.manifest().sealed(with: try Fixture.keys(keyset)), as: UTF8.self)
        let body = text.split(separator: "\n").dropLast().joined(separator: "\n") + "\n"
        let forged = Fixture.forge(
            body: Array(body.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2").utf8),
            keys: try Fixture.keys(keyset))
        #expect(formatError { try Self.open(forged, keyset: keyset) } == .manifestUnsupportedVersion(2))
    }

    @Test("authentic but hostile contents are refused on their content: paths, sizes, counts, bounds")
    func hostileContents() throws {
        let keyset = Fixture.keyset()
        let keys = try Fixture.keys(keyset)
        var cases: [(String, (inout BackupManifest) -> Void)] = [
            ("a path out of the directory", { $0.files[0].name = "../../etc/passwd" }),
            ("an absolute path", { $0.files[0].name = "/tmp/x" }),
            ("the manifest's own name", { $0.files[0].name = "manifest" }),
            ("a hidden file", { $0.files[0].name = ".x" }),
            ("an upper-case name", { $0.files[0].name = "DB" }),
            ("a name twice", { $0.files.append($0.files[0]) }),
            ("no files", { $0.files = [] }),
            (
                "too many files",
                { m in m.files = (0..<17).map { .init(name: "f\($0)", bytes: 1, sha256: m.files[0].sha256) } }
            ),
            ("a negative size", { $0.files[0].bytes = -1 }),
            ("a short hash", { $0.files[0].sha256 = "abcd" }),
            ("a hash not in hex", { $0.files[0].sha256 = String(repeating: "zz", count: 32) }),
            ("a huge chunk size", { $0.chunkSize = Int.max }),
            ("a tiny chunk size", { $0.chunkSize = 1 }),
            ("root key version 0", { $0.rootKeyVersion = 0 }),
            ("a negative count", { $0.counts.people = -5 }),
            ("an empty schema version", { $0.schemaVersion = "" }),
            ("a schema version with spaces", { $0.schemaVersion = "0007 incidents" }),
            ("no checkpoint", { $0.ledger.note = "" }),
            ("a huge checkpoint", { $0.ledger.note = String(repeating: "x", count: 20_000) }),
            ("a huge verifier key", { $0.ledger.verifierKey = String(repeating: "k", count: 2000) }),
        ]
        cases.append(("a short salt", { $0.salt = Data([1, 2, 3]).base64EncodedString() }))
        for (name, edit) in cases {
            var manifest = Fixture.manifest()
            edit(&manifest)
            // Sealing refuses it too, so no build of Sievert writes one.
            #expect(formatError { try manifest.sealed(with: keys) } != nil, "sealing: \(name)")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let forged = Fixture.forge(body: Array(try encoder.encode(manifest)) + [10], keys: keys)
            let error = formatError { try Self.open(forged, keyset: keyset) }
            #expect(error != nil && error != .manifestEdited, "\(name): \(String(describing: error))")
        }
    }

    @Test("random mutations of a manifest never trap and never open to something else", arguments: 0..<4)
    func randomMutations(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let keyset = Fixture.keyset()
        let sealed = try Fixture.manifest().sealed(with: try Fixture.keys(keyset))
        for _ in 0..<500 {
            var mutated = sealed
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<mutated.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: mutated[position] = UInt8.random(in: 0...255, using: &random)
                case 1: mutated.remove(at: position)
                default: mutated.insert(UInt8.random(in: 0...255, using: &random), at: position)
                }
            }
            if let opened = try? Self.open(mutated, keyset: keyset) {
                #expect(opened == Fixture.manifest() && mutated == sealed)
            }
        }
    }
}

extension SplitMix64 {
    fileprivate func bytesWithNewline(_ count: Int) -> [UInt8] {
        var copy = self
        return copy.bytes(count) + [10]
    }
}

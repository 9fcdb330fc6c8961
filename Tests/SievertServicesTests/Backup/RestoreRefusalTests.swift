import BackupFormat
import Crypto
import Foundation
import Ledger
import SievertApp
import SievertPostgres
import SievertServices
import SievertTestSupport
import Testing
import Vault

/// A restore refuses a backup that is not authentic or complete, and a target that is not empty, each with its
/// reason, and leaves the target exactly as it was.
@Suite("Restore refuses what it cannot trust", .serialized)
struct RestoreRefusalTests {
    /// One way to spoil a restore: what is done to a copy of the backup or to the target first, and what the
    /// restore must answer.
    struct Case: Sendable {
        var name: String
        var kind: BackupFailure.Kind
        var message: String
        var targetFlags: [String: String] = [:]
        var spoil: @Sendable (_ backup: String, _ target: RestoreTarget, _ source: TestRuntime) async throws -> Void
    }

    static func flip(_ path: String, at offset: Int) throws {
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[offset] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    static func dataFile(_ backup: String) throws -> String {
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: backup).first { $0.hasSuffix(".sealed") })
        return backup + "/" + name
    }

    /// Rewrites the manifest as a holder of the root key could: `edit` changes it, the hashes of the files are
    /// taken again, and it is sealed again under the backup's keys. What a restore must still catch then is in the
    /// data itself.
    static func reseal(_ backup: String, source: TestRuntime, _ edit: (inout BackupManifest) -> Void) throws {
        let keyset = try Keyset(
            serialized: Array(try #require(FileManager.default.contents(atPath: source.rootKeyFile))))
        let path = backup + "/manifest"
        var manifest = try BackupManifest.open(Array(try #require(FileManager.default.contents(atPath: path)))) {
            version, salt throws(VaultError) in try BackupKeys(keyset: keyset, version: version, salt: salt)
        }
        for index in manifest.files.indices {
            let bytes = try #require(FileManager.default.contents(atPath: backup + "/" + manifest.files[index].name))
            manifest.files[index].sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        }
        edit(&manifest)
        let keys = try BackupKeys(
            keyset: keyset, version: KeyVersion(manifest.rootKeyVersion), salt: try #require(manifest.saltBytes))
        try Data(try manifest.sealed(with: keys)).write(to: URL(fileURLWithPath: path))
    }

    static let cases: [Case] = [
        Case(name: "an edited manifest", kind: .notAuthentic, message: "edited") { backup, _, _ in
            let path = backup + "/manifest"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"people\" : ", with: "\"people\" : 1")
                .write(toFile: path, atomically: true, encoding: .utf8)
        },
        Case(name: "a tampered chunk", kind: .notAuthentic, message: "does not match its SHA-256") { backup, _, _ in
            try flip(try dataFile(backup), at: 5000)
        },
        Case(name: "a tampered chunk with its hash taken again", kind: .notAuthentic, message: "does not authenticate")
        {
            backup, _, source in
            try flip(try dataFile(backup), at: 5000)
            try reseal(backup, source: source) { _ in }
        },
        Case(name: "a truncated file with its hash taken again", kind: .notAuthentic, message: "truncated") {
            backup, _, source in
            let path = try dataFile(backup)
            let bytes = try #require(FileManager.default.contents(atPath: path))
            try bytes.prefix(4096 + 21).write(to: URL(fileURLWithPath: path))
            try reseal(backup, source: source) { manifest in manifest.files[0].bytes = Int64(4096 + 21) }
        },
        Case(
            name: "a checkpoint the restored log does not extend", kind: .notAuthentic,
            message: "does not extend the backup's checkpoint"
        ) { backup, _, source in
            // Signed with the source's own ledger key, so only the tree itself can give it away.
            let keyText = try String(contentsOfFile: source.dataDirectory + "/keys/ledger-signing.key", encoding: .utf8)
            let key = try Curve25519.Signing.PrivateKey(
                rawRepresentation: try #require(
                    Data(base64Encoded: keyText.trimmingCharacters(in: .whitespacesAndNewlines))))
            let signer = try CheckpointSigner(keyName: "sievert-audit", privateKey: key)
            try reseal(backup, source: source) { manifest in
                let forged = try? Checkpoint(
                    origin: AuditLedger.origin, size: UInt64(manifest.counts.auditEvents),
                    root: MerkleHash.leafHash(of: Array("another history".utf8)), unixTimeMilliseconds: 1)
                manifest.ledger.note = forged.flatMap { try? signer.sign($0).noteText } ?? ""
            }
        },
        Case(name: "a missing file", kind: .notAuthentic, message: "is missing") { backup, _, _ in
            try FileManager.default.removeItem(atPath: try dataFile(backup))
        },
        Case(name: "a missing manifest", kind: .notAuthentic, message: "no manifest") { backup, _, _ in
            try FileManager.default.removeItem(atPath: backup + "/manifest")
        },
        Case(
            name: "counts that the data does not match", kind: .notAuthentic, message: "but the manifest says"
        ) { backup, _, source in
            try reseal(backup, source: source) { manifest in manifest.counts.people += 1 }
        },
        Case(
            name: "another root key", kind: .notAuthentic, message: "another root key",
            targetFlags: ["root.key.file": "OTHER"]
        ) { _, _, _ in },
        Case(name: "a target that is not empty", kind: .refused, message: "restore only into a new") {
            _, target, _ in
            let runtime = try await target.open()
            await runtime.close()
        },
    ]

    @Test(
        "each spoilt backup or unfit target is refused with its reason, the target untouched",
        arguments: StoreKind.available)
    func refusals(kind: StoreKind) async throws {
        try await withTestRuntime(kind, flags: smallPool) { source in
            try await withBackupDirectory { directory in
                try await seedBackupSource(source.sievert, people: 6)
                _ = try await StoreBackup.run(source.runtime, to: directory, chunkSize: 4096)
                let otherKey = source.dataDirectory + "-other.keyset"
                try Data(Keyset.generate().serialized()).write(to: URL(fileURLWithPath: otherKey))
                defer { try? FileManager.default.removeItem(atPath: otherKey) }
                for refusal in Self.cases {
                    try await withBackupDirectory { copy in
                        try FileManager.default.copyItem(atPath: directory, toPath: copy)
                        let flags = smallPool.merging(refusal.targetFlags.mapValues { $0 == "OTHER" ? otherKey : $0 }) {
                            $1
                        }
                        try await withRestoreTarget(kind, rootKeyFile: source.rootKeyFile, flags: flags) { target in
                            // setup
                            try await refusal.spoil(copy, target, source)
                            let before = try await target.footprint()

                            // MUT
                            var failure: BackupFailure?
                            do {
                                _ = try await StoreRestore.run(target.settings, from: copy, logger: TestLog.quiet)
                            } catch let error as BackupFailure {
                                failure = error
                            }

                            // validate
                            let error = try #require(failure, "\(refusal.name): restored")
                            #expect(error.kind == refusal.kind, "\(refusal.name): \(error)")
                            #expect(error.description.contains(refusal.message), "\(refusal.name): \(error)")
                            #expect(try await target.footprint() == before, "\(refusal.name): the target changed")
                        }
                    }
                }
            }
        }
    }

    @Test("a backup of one store kind is not restored into the other", .enabled(if: StoreKind.available.count == 2))
    func otherStoreKind() async throws {
        try await withTestRuntime(.sqlite, flags: smallPool) { source in
            try await withBackupDirectory { directory in
                _ = try await StoreBackup.run(source.runtime, to: directory)
                try await withRestoreTarget(.postgres, rootKeyFile: source.rootKeyFile, flags: smallPool) { target in
                    let before = try await target.footprint()
                    await #expect {
                        _ = try await StoreRestore.run(target.settings, from: directory, logger: TestLog.quiet)
                    } throws: { error in
                        (error as? BackupFailure)?.description.contains("settings name a postgres store") == true
                    }
                    #expect(try await target.footprint() == before)
                }
            }
        }
    }
}

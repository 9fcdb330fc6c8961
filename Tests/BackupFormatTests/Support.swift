import Crypto
import Foundation
import SeededRandom
import Vault

@testable import BackupFormat

enum Fixture {
    static let chunkSize = 4096
    static let backupID = UUID(uuidString: "0193a6f0-0000-7000-8000-000000000001") ?? UUID()

    static func keyset() -> Keyset { Keyset.generate() }

    static func keys(_ keyset: Keyset, salt: [UInt8] = [UInt8](repeating: 7, count: 32)) throws -> BackupKeys {
        try BackupKeys(keyset: keyset, version: keyset.primaryVersion, salt: salt)
    }

    static func context(_ name: String = "database.sqlite.sealed", backup: UUID = backupID) -> ChunkContext {
        ChunkContext(backupID: backup, fileName: name)
    }

    /// The records of a sealed stream, split at their boundaries.
    static func records(_ sealed: [UInt8]) -> [[UInt8]] {
        var records: [[UInt8]] = []
        var start = 0
        while start < sealed.count {
            let length = sealed[(start + 1)..<(start + 5)].reduce(0) { $0 << 8 | Int($1) }
            let end = start + 5 + length + 16
            records.append(Array(sealed[start..<end]))
            start = end
        }
        return records
    }

    static func manifest(salt: [UInt8] = [UInt8](repeating: 7, count: 32)) -> BackupManifest {
        BackupManifest(
            backupID: backupID, createdAt: Date(timeIntervalSince1970: 1_795_000_000), store: .sqlite,
            schemaVersion: "0007_incidents", rootKeyVersion: 1, salt: salt, chunkSize: chunkSize,
            files: [.init(name: "database.sqlite.sealed", bytes: 12_345, sha256: String(repeating: "ab", count: 32))],
            counts: .init(people: 1200, doseEntries: 3400, auditEvents: 5678),
            ledger: .init(
                note: "sievert.audit.v1\n5678\nAAAA\n\n\u{2014} sievert-audit AAAAAAA=\n",
                verifierKey: "sievert-audit+01234567+AQ=="))
    }

    /// Seals arbitrary body bytes with a valid authentication line, as only a holder of the root key could: for
    /// hostile manifests that must be refused on their content, not on their tag.
    static func forge(body: [UInt8], keys: BackupKeys) -> [UInt8] {
        let tag = Array(HMAC<SHA256>.authenticationCode(for: body, using: keys.manifestKey))
        let check = Array(
            HMAC<SHA256>.authenticationCode(for: Array("sievert.backup.v1 key check".utf8), using: keys.manifestKey)
                .prefix(8))
        return body + Array("hmac-sha256 \(check.hex) \(tag.hex)\n".utf8)
    }
}

/// The error `body` throws, or nil if it returned. The format throws only `BackupFormatError`.
func formatError<T>(_ body: () throws -> T) -> BackupFormatError? {
    do {
        _ = try body()
        return nil
    } catch let error as BackupFormatError {
        return error
    } catch {
        return BackupFormatError.cryptoFailure
    }
}

import BackupFormat
import Foundation
import Ledger
import SievertSQLite
import SievertServices
import SievertStorage

/// The SQLite half of a restore: the database is opened into a private working directory inside the target data
/// directory (the same file system, so the last step is one link), checked there, and linked into place only when
/// every check passed. The working directory goes whatever happens; a data directory this restore created goes
/// too if the restore fails.
struct SQLiteRestore {
    let settings: SievertSettings
    let manifest: BackupManifest
    let keys: BackupKeys
    let directory: String

    func run() async throws -> AuditLedger.PrefixCheck {
        let target = settings.sqlitePath
        for path in [target, target + "-wal", target + "-journal"] where FileManager.default.fileExists(atPath: path) {
            throw BackupFailure(
                .refused,
                "\(path) exists: the data directory already holds a database; restore only into a new data directory")
        }
        let dataDirectory = settings.dataDirectory
        let createdDataDirectory = !FileManager.default.fileExists(atPath: dataDirectory)
        do {
            try FileManager.default.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw BackupFailure(.failed, "cannot create the data directory \(dataDirectory)")
        }
        let working = (dataDirectory as NSString).appendingPathComponent(
            ".restore-\(manifest.backupID.uuidString.lowercased())")
        defer { try? FileManager.default.removeItem(atPath: working) }
        do {
            return try await restore(into: target, working: working)
        } catch {
            try? FileManager.default.removeItem(atPath: working)
            if createdDataDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
            throw error
        }
    }

    private func restore(into target: String, working: String) async throws -> AuditLedger.PrefixCheck {
        guard mkdir(working, 0o700) == 0 else {
            throw BackupFailure(.failed, "cannot create the working directory \(working)")
        }
        let copy = working + "/sievert.sqlite"
        let (manifest, keys, directory) = (self.manifest, self.keys, self.directory)
        try await BlockingIO.run {
            let output = try SealedFile.createPrivate(copy)
            defer { close(output) }
            try SealedFile.open(manifest.files[0], in: directory, manifest: manifest, keys: keys) { plaintext in
                try SealedFile.writeAll(output, plaintext, path: copy)
            }
            guard fsync(output) == 0 else { throw BackupFailure(.failed, "cannot sync \(copy)") }
        }
        let summary: StoreSnapshotSummary
        do {
            summary = try await BlockingIO.run { try SQLiteSnapshot.inspect(path: copy) }
        } catch let error as StoreError {
            throw BackupFailure(.notAuthentic, "the restored database is not usable: \(error)")
        }
        let store = try SQLiteRecordStore(path: copy)
        let check: AuditLedger.PrefixCheck
        do {
            check = try await StoreRestore.check(summary, store: store, against: manifest)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        // One link puts the checked file in place and fails if a database appeared there meanwhile.
        for suffix in ["", "-wal"] where suffix.isEmpty || FileManager.default.fileExists(atPath: copy + suffix) {
            guard link(copy + suffix, target + suffix) == 0 else {
                let reason = errno == EEXIST ? "a database appeared there during the restore" : "cannot link it"
                if !suffix.isEmpty { unlink(target) }
                throw BackupFailure(.failed, "\(target + suffix): \(reason)")
            }
        }
        SealedFile.syncDirectory(settings.dataDirectory)
        return check
    }
}

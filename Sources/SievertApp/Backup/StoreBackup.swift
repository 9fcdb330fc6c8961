import BackupFormat
import Foundation
import Ledger
import Logging
import SievertPostgres
import SievertSQLite
import SievertServices
import SievertStorage
import Synchronization
import Vault

/// `sievert backup`: an encrypted, consistent copy of the store, made while the service keeps running and writing.
///
/// In order: the audit ledger is verified against its latest witnessed checkpoint (a tampered log is not backed up
/// and re-signed); the backup's audit event is appended; a checkpoint is signed and witnessed; then one snapshot of
/// the store is copied (SQLite's online backup API into a private working file that is removed afterwards;
/// PostgreSQL's `pg_dump` of an exported snapshot, piped straight in) and sealed in 1 MiB chunks under a key derived
/// from the root key and a random salt; last, the authenticated manifest. A failure removes everything the run wrote.
public enum StoreBackup {
    /// What a backup made.
    public struct Report: Sendable {
        public var manifest: BackupManifest
        public var directory: String
        /// Events the manifest's checkpoint covers.
        public var checkpointSize: UInt64
    }

    /// The name of the sealed database file for each store.
    static func dataFileName(_ store: BackupManifest.StoreKind) -> String {
        switch store {
        case .sqlite: "database.sqlite.sealed"
        case .postgres: "database.pgdump.sealed"
        }
    }

    /// Backs up the store `runtime` serves into `directory` (new or empty).
    public static func run(
        _ runtime: SievertRuntime, to directory: String, by caller: Caller = .console(requestID: "backup"),
        chunkSize: Int = ChunkSealer.defaultChunkSize
    ) async throws -> Report {
        let target = try BackupDirectory(preparing: directory)
        do {
            let report = try await make(runtime, in: target, by: caller, chunkSize: chunkSize)
            runtime.logger.notice(
                "backup made",
                metadata: [
                    "backup": "\(report.manifest.backupID.uuidString.lowercased())",
                    "people": "\(report.manifest.counts.people)",
                    "doseEntries": "\(report.manifest.counts.doseEntries)",
                    "auditEvents": "\(report.manifest.counts.auditEvents)",
                ])
            return report
        } catch {
            target.discard()
            throw error
        }
    }

    private static func make(
        _ runtime: SievertRuntime, in target: BackupDirectory, by caller: Caller, chunkSize: Int
    ) async throws -> Report {
        let verification = try await runtime.ledger.verify()
        guard verification.verdict.isOK else {
            throw BackupFailure(
                .refused,
                "the audit ledger does not verify against its latest witnessed checkpoint (\(verification.verdict)); "
                    + "run `sievert audit verify`: a tampered log is not backed up")
        }
        let backupID = UUID()
        let salt = BackupKeys.randomSalt()
        let keyService = runtime.sievert.keys
        let version = keyService.rootPrimaryVersion
        let keys = BackupKeys(
            dataKey: try keyService.derivedRootKey(purpose: BackupKeys.dataPurpose, salt: salt, version: version),
            manifestKey: try keyService.derivedRootKey(
                purpose: BackupKeys.manifestPurpose, salt: salt, version: version))

        try await runtime.sievert.recordBackup(backupID, by: caller)
        let checkpoint = try await runtime.ledger.checkpoint()

        let store: BackupManifest.StoreKind = runtime.settings.postgresURL == nil ? .sqlite : .postgres
        let name = dataFileName(store)
        let sealer = ChunkSealer(
            keys: keys, context: ChunkContext(backupID: backupID, fileName: name), chunkSize: chunkSize)
        let partial = target.track(name + ".partial")
        let (summary, file) =
            switch store {
            case .sqlite: try await sqliteSnapshot(runtime, into: target, id: backupID, sealer: sealer, to: partial)
            case .postgres: try await postgresSnapshot(runtime, sealer: sealer, to: partial)
            }
        // The checkpoint was signed before the snapshot was taken, so the snapshot holds at least its events.
        guard UInt64(summary.auditEvents) >= checkpoint.unverifiedCheckpoint.size else {
            throw BackupFailure(.failed, "the snapshot holds fewer audit events than the checkpoint signed before it")
        }
        let manifest = BackupManifest(
            backupID: backupID, createdAt: Date(), store: store, schemaVersion: summary.schemaVersion,
            rootKeyVersion: version.rawValue, salt: salt, chunkSize: chunkSize, files: [file],
            counts: .init(people: summary.people, doseEntries: summary.doseEntries, auditEvents: summary.auditEvents),
            ledger: .init(note: checkpoint.noteText, verifierKey: runtime.ledger.verifier.verifierKey))
        let sealed = try manifest.sealed(with: keys)
        let manifestPartial = target.track(BackupManifest.manifestFileName + ".partial")
        try await BlockingIO.run {
            let descriptor = try SealedFile.createPrivate(manifestPartial)
            defer { close(descriptor) }
            try SealedFile.writeAll(descriptor, sealed, path: manifestPartial)
            guard fsync(descriptor) == 0 else { throw BackupFailure(.failed, "cannot sync \(manifestPartial)") }
        }
        // The manifest is renamed last: a directory with a manifest holds a whole backup.
        try target.commit(name)
        try target.commit(BackupManifest.manifestFileName)
        SealedFile.syncDirectory(target.path)
        return Report(manifest: manifest, directory: target.path, checkpointSize: checkpoint.unverifiedCheckpoint.size)
    }

    /// SQLite: the online backup API copies one read transaction's view into a file in a private working directory
    /// inside the backup directory (mode 0700, the file 0600), which is sealed and then removed, failure or not.
    private static func sqliteSnapshot(
        _ runtime: SievertRuntime, into target: BackupDirectory, id: UUID, sealer: ChunkSealer, to partial: String
    ) async throws -> (StoreSnapshotSummary, BackupManifest.File) {
        guard let store = runtime.sievert.store as? SQLiteRecordStore else {
            throw BackupFailure(.failed, "the runtime's store is not the SQLite store its settings name")
        }
        let working = target.track(".snapshot-\(id.uuidString.lowercased())")
        let name = StoreBackup.dataFileName(.sqlite)
        return try await BlockingIO.run {
            defer { try? FileManager.default.removeItem(atPath: working) }
            guard mkdir(working, 0o700) == 0 else { throw BackupFailure(.failed, "cannot create \(working)") }
            let copy = working + "/snapshot.sqlite"
            close(try SealedFile.createPrivate(copy))
            let summary = try store.backup(into: copy)
            let source = try SealedFile.openForReading(copy)
            defer { close(source) }
            return (summary, try SealedFile.seal(from: source, to: partial, name: name, sealer: sealer))
        }
    }

    /// PostgreSQL: `pg_dump` of an exported snapshot, as the owner role, its output sealed as it arrives.
    private static func postgresSnapshot(_ runtime: SievertRuntime, sealer: ChunkSealer, to partial: String)
        async throws -> (StoreSnapshotSummary, BackupManifest.File)
    {
        let owner = try StoreRestore.ownerURL(runtime.settings)
        let sealed = Mutex<BackupManifest.File?>(nil)
        let name = StoreBackup.dataFileName(.postgres)
        let summary: StoreSnapshotSummary
        do {
            summary = try await PostgresBackup.dump(owner: owner, logger: StoreRestore.quiet(runtime.logger)) {
                output in
                let file = try SealedFile.seal(from: output, to: partial, name: name, sealer: sealer)
                sealed.withLock { $0 = file }
            }
        } catch let error as PostgresToolError {
            throw BackupFailure(.failed, error.description)
        }
        guard let file = sealed.withLock({ $0 }) else { throw BackupFailure(.failed, "pg_dump wrote nothing") }
        return (summary, file)
    }
}

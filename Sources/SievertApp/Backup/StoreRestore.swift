import BackupFormat
import Foundation
import Ledger
import Logging
import SievertPostgres
import SievertSQLite
import SievertServices
import SievertStorage
import Vault

/// `sievert restore`: a backup into the new, empty store the settings name, checked whole before anything is
/// written there.
///
/// In order: the root key (never generated here) opens the manifest, whose authentication is checked; the target
/// must be empty; every file must match its size and SHA-256 and every chunk must open. SQLite: the database is
/// opened into a private working file beside the target, checked (`PRAGMA integrity_check`, the manifest's counts
/// and schema, the audit ledger against the manifest's checkpoint) and only then linked into place. PostgreSQL:
/// `pg_restore` in one transaction, then the same checks, and on a failed check the restored objects are dropped
/// again. Last, the restore's audit event is appended and a checkpoint signed. Any failure leaves the target as it
/// was.
public enum StoreRestore {
    /// What a restore found and did.
    public struct Report: Sendable {
        public var manifest: BackupManifest
        /// The restored ledger against the backup's checkpoint (a consistency proof from its size to the restored
        /// log's).
        public var ledger: AuditLedger.PrefixCheck
        /// Things the operator should know that did not stop the restore.
        public var warnings: [String]
    }

    /// The owner role's URL the settings name, which backups and restores of PostgreSQL run as.
    static func ownerURL(_ settings: SievertSettings) throws -> PostgresURL {
        guard let text = settings.postgresOwnerURL ?? settings.postgresURL else {
            throw BackupFailure(.refused, "no PostgreSQL URL is set")
        }
        do {
            return try PostgresURL(text)
        } catch {
            throw BackupFailure(.refused, "the PostgreSQL URL is not usable: \(error)")
        }
    }

    /// Restores the backup in `directory` into the store `settings` name.
    public static func run(_ settings: SievertSettings, from directory: String, logger: Logger) async throws -> Report {
        let manifest = try openManifest(settings, directory: directory, logger: logger)
        let ledger: AuditLedger.PrefixCheck
        switch manifest.manifest.store {
        case .sqlite:
            ledger = try await SQLiteRestore(
                settings: settings, manifest: manifest.manifest, keys: manifest.keys, directory: directory
            ).run()
        case .postgres:
            ledger = try await postgres(settings, manifest, directory: directory, logger: logger)
        }
        var warnings: [String] = []
        // A witness that saw a longer log than the backup holds means events after the backup are lost: say so
        // before the restore's own checkpoint replaces that one as the latest.
        let witnessed = (try? FileCheckpointWitness(directory: settings.effectiveWitnessDirectory).latest())
            .flatMap { $0.flatMap { try? SignedCheckpoint(parsing: $0) } }
        if let size = witnessed?.unverifiedCheckpoint.size, size > ledger.storedEvents {
            warnings.append(
                "the witness directory's latest checkpoint covers \(size) audit events and the backup holds "
                    + "\(ledger.storedEvents): what happened after the backup is not restored")
        }
        do {
            try await recordRestore(settings, manifest.manifest, logger: logger)
        } catch {
            throw BackupFailure(
                .failed, "the backup was restored and checked, but its audit event could not be recorded: \(error)")
        }
        logger.notice(
            "backup restored",
            metadata: [
                "backup": "\(manifest.manifest.backupID.uuidString.lowercased())",
                "auditEvents": "\(ledger.storedEvents)",
            ])
        return Report(manifest: manifest.manifest, ledger: ledger, warnings: warnings)
    }

    /// Opens the restored store, appends the restore's audit event and signs a checkpoint of the restored log with
    /// this service's ledger key.
    private static func recordRestore(_ settings: SievertSettings, _ manifest: BackupManifest, logger: Logger)
        async throws
    {
        let runtime = try await SievertRuntime.open(settings, logger: logger)
        do {
            try await runtime.sievert.recordRestore(manifest.backupID, by: .console(requestID: "restore"))
            try await runtime.ledger.checkpoint()
            await runtime.close()
        } catch {
            await runtime.close()
            throw error
        }
    }

    /// The manifest, authenticated, and its keys; the backup must be of the store kind the settings name, at a
    /// schema this build knows, with a checkpoint signed by the key it names.
    static func openManifest(_ settings: SievertSettings, directory: String, logger: Logger) throws -> (
        manifest: BackupManifest, keys: BackupKeys
    ) {
        let keyset: Keyset
        do {
            keyset = try RootKeyLoader.loadExisting(settings, logger: logger)
        } catch {
            throw BackupFailure(.refused, "\(error)")
        }
        let path = (directory as NSString).appendingPathComponent(BackupManifest.manifestFileName)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BackupFailure(.notAuthentic, "\(path): no manifest; this is not a complete backup")
        }
        defer { try? handle.close() }
        let bytes = Array((try? handle.read(upToCount: BackupManifest.maximumBytes + 1)) ?? Data())
        var derived: BackupKeys?
        let manifest: BackupManifest
        do {
            manifest = try BackupManifest.open(bytes) { version, salt throws(VaultError) in
                let keys = try BackupKeys(keyset: keyset, version: version, salt: salt)
                derived = keys
                return keys
            }
        } catch {
            throw BackupFailure(.notAuthentic, "\(path): \(error)")
        }
        guard let keys = derived else { throw BackupFailure(.notAuthentic, "\(path): no keys") }
        let wanted: BackupManifest.StoreKind = settings.postgresURL == nil ? .sqlite : .postgres
        guard manifest.store == wanted else {
            throw BackupFailure(
                .refused,
                "the backup is of a \(manifest.store.rawValue) store but the settings name a \(wanted.rawValue) store")
        }
        let known = wanted == .sqlite ? SQLiteRecordStore.schemaVersions : PostgresBackup.schemaVersions
        guard known.contains(manifest.schemaVersion) else {
            throw BackupFailure(
                .refused,
                "the backup's schema \(manifest.schemaVersion) is not one this build knows (up to "
                    + "\(known.last ?? "none")): restore it with the Sievert that made it or a later one")
        }
        let dataFile = StoreBackup.dataFileName(wanted)
        guard manifest.files.map(\.name) == [dataFile] else {
            throw BackupFailure(.notAuthentic, "the manifest does not name the one file a backup holds (\(dataFile))")
        }
        guard let verifier = try? CheckpointVerifier(verifierKey: manifest.ledger.verifierKey),
            (try? verifier.verify(noteText: manifest.ledger.note)) != nil
        else {
            throw BackupFailure(
                .notAuthentic, "the backup's audit checkpoint is not signed by the key its manifest names")
        }
        return (manifest, keys)
    }

    /// The checks every restored store must pass: the manifest's counts and schema, and a ledger that extends the
    /// manifest's checkpoint.
    static func check(
        _ summary: StoreSnapshotSummary, store: any RecordStore, against manifest: BackupManifest
    ) async throws -> AuditLedger.PrefixCheck {
        let expected = manifest.counts
        guard summary.people == expected.people, summary.doseEntries == expected.doseEntries,
            summary.auditEvents == expected.auditEvents, summary.schemaVersion == manifest.schemaVersion
        else {
            throw BackupFailure(
                .notAuthentic,
                "the restored store holds \(summary) but the manifest says \(expected.people) people, "
                    + "\(expected.doseEntries) dose entries, \(expected.auditEvents) audit events, schema "
                    + manifest.schemaVersion)
        }
        let verifier = try CheckpointVerifier(verifierKey: manifest.ledger.verifierKey)
        let check = try await AuditLedger.checkPrefix(of: store, against: manifest.ledger.note, verifier: verifier)
        guard check.isOK else {
            throw BackupFailure(
                .notAuthentic,
                "the restored audit ledger does not extend the backup's checkpoint (\(check.verdict), consistency "
                    + "proof \(check.consistencyVerified ? "verified" : "not verified"))")
        }
        return check
    }

    private static func postgres(
        _ settings: SievertSettings, _ opened: (manifest: BackupManifest, keys: BackupKeys), directory: String,
        logger: Logger
    ) async throws -> AuditLedger.PrefixCheck {
        let (manifest, keys) = opened
        let owner = try ownerURL(settings)
        let driverLogger = quiet(logger)
        let objects = try await PostgresBackup.objectCount(owner: owner, logger: driverLogger)
        guard objects == 0 else {
            throw BackupFailure(
                .refused,
                "the target database \(owner) is not empty (\(objects) tables, sequences or routines): restore only "
                    + "into a new database (CREATE DATABASE … OWNER …), not migrated")
        }
        let file = manifest.files[0]
        // Every chunk is opened once to check it before anything reaches the database, then again into pg_restore;
        // the dump never lies on disk in clear.
        try await BlockingIO.run { try SealedFile.open(file, in: directory, manifest: manifest, keys: keys, into: nil) }
        signal(SIGPIPE, SIG_IGN)
        do {
            try await PostgresBackup.restore(owner: owner, logger: driverLogger) { input in
                try SealedFile.open(file, in: directory, manifest: manifest, keys: keys) { plaintext in
                    try SealedFile.writeAll(input, plaintext, path: "pg_restore's input")
                }
            }
        } catch let error as PostgresToolError {
            throw BackupFailure(.failed, "\(error) (nothing was restored)")
        }
        do {
            let summary = try await PostgresBackup.summary(owner: owner, logger: driverLogger)
            let store = PostgresRecordStore(url: owner, maximumConnections: 2, logger: driverLogger)
            do {
                let check = try await check(summary, store: store, against: manifest)
                try? await store.close()
                return check
            } catch {
                try? await store.close()
                throw error
            }
        } catch {
            try? await PostgresBackup.clear(owner: owner, logger: driverLogger)
            throw error
        }
    }

    /// postgres-nio logs queries with their bound values at debug level: keep its logger above that.
    static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .notice)
        return quiet
    }
}

import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    /// Every schema migration this build knows, in order; the last is what a new database is migrated to.
    public static var schemaVersions: [String] { SQLiteMigrations.migrator.migrations }

    /// Copies a consistent snapshot of the whole database into the new file at `path` with SQLite's online backup
    /// API (GRDB's `backup(to:)`): all pages in one step inside one read transaction, so writers carry on and none
    /// of their later commits appears in the copy. Returns what the copy holds, counted in the copy. Blocking.
    public func backup(into path: String) throws -> StoreSnapshotSummary {
        do {
            let destination = try DatabaseQueue(path: path)
            try pool.backup(to: destination)
            let summary = try destination.read(SQLiteSnapshot.summary)
            try destination.close()
            return summary
        } catch {
            throw StoreError.unavailable("cannot copy the SQLite database: \(Self.describe(error))")
        }
    }
}

/// Checks on a database file that is not (yet) a store: a backup's copy before it is sealed, a restored copy
/// before it is moved into place.
public enum SQLiteSnapshot {
    /// Checks the file at `path` with `PRAGMA integrity_check` and counts what it holds. Blocking.
    public static func inspect(path: String) throws -> StoreSnapshotSummary {
        let problems: [String]
        let summary: StoreSnapshotSummary
        do {
            let queue = try DatabaseQueue(path: path)
            (problems, summary) = try queue.read { db in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                return (problems, try Self.summary(db))
            }
            try queue.close()
        } catch {
            throw StoreError.unavailable("not a readable Sievert SQLite database: \(SQLiteRecordStore.describe(error))")
        }
        guard problems.isEmpty else {
            throw StoreError.unavailable(
                "SQLite's integrity check failed: \(problems.prefix(3).joined(separator: "; "))")
        }
        return summary
    }

    static func summary(_ db: Database) throws -> StoreSnapshotSummary {
        StoreSnapshotSummary(
            people: try Int.fetchOne(db, sql: "SELECT count(*) FROM people") ?? 0,
            doseEntries: try Int.fetchOne(db, sql: "SELECT count(*) FROM dose_entries") ?? 0,
            auditEvents: try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_events") ?? 0,
            schemaVersion: try String.fetchOne(
                db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier DESC LIMIT 1") ?? "")
    }
}

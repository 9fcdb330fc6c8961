import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// The PostgreSQL side of encrypted backups: `pg_dump` of one consistent snapshot streamed to the caller, and
/// `pg_restore` into a new database streamed from it. Both run as the owner role (the application role cannot read
/// every table), with row-level security asked to show every organisation.
public enum PostgresBackup {
    /// Every schema migration this build knows, in order.
    public static var schemaVersions: [String] { PostgresMigrations.all.map(\.version) }

    /// Exports a snapshot in a read-only repeatable-read transaction, counts it, and runs
    /// `pg_dump --format=custom --snapshot=…` of exactly that snapshot, handing its standard output (a descriptor) to
    /// `consume`, which must read it to the end. Writers carry on meanwhile; nothing they commit later is in the dump
    /// or the counts. The dump never touches the disk here: `consume` decides where it goes.
    public static func dump(
        owner: PostgresURL, logger: Logger, into consume: @escaping @Sendable (Int32) throws -> Void
    ) async throws -> StoreSnapshotSummary {
        try await PostgresSession.with(owner, logger: logger) { client in
            try await client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    let (summary, major) = try await Self.summary(connection, logger: logger)
                    var snapshot = ""
                    for try await id in try await connection.query("SELECT pg_export_snapshot()", logger: logger)
                        .decode(String.self)
                    {
                        snapshot = id
                    }
                    let tool = PostgresTool(
                        "pg_dump", serverMajor: major, url: owner,
                        arguments: ["--format=custom", "--snapshot=\(snapshot)", "--enable-row-security"])
                    try await tool.run(output: consume)
                    try await connection.query("COMMIT", logger: logger)
                    return summary
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Objects in the database's own schemas (tables, views, sequences, routines): 0 in a new database.
    public static func objectCount(owner: PostgresURL, logger: Logger) async throws -> Int {
        try await PostgresSession.with(owner, logger: logger) { client in
            var count = 0
            for try await value in try await client.query(PostgresQuery(unsafeSQL: objectCountSQL), logger: logger)
                .decode(Int.self)
            {
                count = value
            }
            return count
        }
    }

    /// Runs `pg_restore` into the database of `owner` in one transaction (a failure leaves nothing), objects owned by
    /// the owner role, reading the custom-format dump that `produce` writes to its standard input (a descriptor).
    public static func restore(
        owner: PostgresURL, logger: Logger, from produce: @escaping @Sendable (Int32) throws -> Void
    ) async throws {
        let major = try await PostgresSession.with(owner, logger: logger) { client in
            try await serverMajor(client, logger: logger)
        }
        let database = (owner.database ?? owner.username).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "'", with: "\\'")
        let tool = PostgresTool(
            "pg_restore", serverMajor: major, url: owner,
            arguments: [
                "--single-transaction", "--exit-on-error", "--no-owner", "--enable-row-security",
                "--dbname=dbname='\(database)'",
            ])
        try await tool.run(input: produce)
    }

    /// Counts the database of `owner` as a backup's manifest does.
    public static func summary(owner: PostgresURL, logger: Logger) async throws -> StoreSnapshotSummary {
        try await PostgresSession.with(owner, logger: logger) { client in
            try await client.withTransaction(logger: logger) { connection in
                try await summary(connection, logger: logger).summary
            }
        }
    }

    /// Drops what a restore created, returning a database that was empty to empty: every table, sequence and
    /// routine in the database's own schemas. Used only after a failed check of a restore into an empty database.
    public static func clear(owner: PostgresURL, logger: Logger) async throws {
        try await PostgresSession.with(owner, logger: logger) { client in
            try await client.withTransaction(logger: logger) { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: clearSQL), logger: logger)
            }
        }
    }

    private static func summary(_ connection: PostgresConnection, logger: Logger) async throws -> (
        summary: StoreSnapshotSummary, major: Int
    ) {
        try await connection.query(
            "SELECT set_config('sievert.all_organisations', 'on', true)", logger: logger)
        var result: (StoreSnapshotSummary, Int)?
        for try await (people, doses, events, version, server) in try await connection.query(
            """
            SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM dose_entries),
                   (SELECT count(*) FROM audit_events), (SELECT max(version) FROM sievert_schema_migrations),
                   current_setting('server_version_num')::int
            """, logger: logger
        ).decode((Int, Int, Int, String?, Int).self) {
            result = (
                StoreSnapshotSummary(
                    people: people, doseEntries: doses, auditEvents: events, schemaVersion: version ?? ""),
                server / 10_000
            )
        }
        guard let result else { throw StoreError.unavailable("the database could not be counted") }
        return result
    }

    private static func serverMajor(_ client: PostgresClient, logger: Logger) async throws -> Int {
        var number = 0
        for try await value in try await client.query(
            "SELECT current_setting('server_version_num')::int", logger: logger
        ).decode(Int.self) {
            number = value
        }
        return number / 10_000
    }

    private static let ownSchemas = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'"

    private static let objectCountSQL = """
        SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE \(ownSchemas) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f'))
             + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE \(ownSchemas))
        """

    private static let clearSQL = """
        DO $$
        DECLARE item record;
        BEGIN
            FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE \(ownSchemas) AND c.relkind IN ('r', 'p') LOOP
                EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', item.name);
            END LOOP;
            FOR item IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE \(ownSchemas) AND c.relkind = 'S' LOOP
                EXECUTE format('DROP SEQUENCE IF EXISTS %s CASCADE', item.name);
            END LOOP;
            FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE \(ownSchemas) LOOP
                EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', item.name);
            END LOOP;
        END $$
        """
}

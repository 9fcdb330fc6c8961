import Foundation
import Logging
import PostgresNIO

/// Runs the schema migrations as the owner role, each in its own transaction, under an advisory lock.
public enum PostgresMigrator {
    /// Applies pending migrations to the database of `ownerURL`, granting the application role its rights.
    /// `through` stops after the migration of that version (tests of a schema's conversion); nil applies all.
    public static func migrate(
        ownerURL: PostgresURL, applicationRole: String, through last: String? = nil, logger: Logger
    ) async throws {
        guard applicationRole.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !applicationRole.isEmpty else {
            throw StoreURLError(reason: "the application role name may contain only letters, digits and _")
        }
        try await PostgresSession.with(ownerURL, logger: logger) { client in
            try await client.withConnection { connection in
                try await connection.query("SELECT pg_advisory_lock(7361626)", logger: logger)
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS sievert_schema_migrations (
                        version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                    """, logger: logger)
                var applied = Set<String>()
                for try await version in try await connection.query(
                    "SELECT version FROM sievert_schema_migrations", logger: logger
                ).decode(String.self) {
                    applied.insert(version)
                }
                let wanted = PostgresMigrations.all.prefix { last == nil || $0.version <= last ?? "" }
                for migration in wanted where !applied.contains(migration.version) {
                    let sql = migration.sql.replacingOccurrences(of: "{app}", with: "\"\(applicationRole)\"")
                    try await connection.withTransaction(logger: logger) { transaction in
                        for statement in PostgresStatements.split(sql) {
                            try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await transaction.query(
                            "INSERT INTO sievert_schema_migrations (version) VALUES (\(migration.version))",
                            logger: logger)
                    }
                    logger.info("applied migration", metadata: ["version": "\(migration.version)"])
                    applied.insert(migration.version)
                }
                // Every start makes sure the years around today have their partitions before rows arrive, and gives
                // a year that only has rows waiting in the default partition (far back or far ahead) its own.
                if applied.contains(PostgresMigrations.yearPartitions) {
                    try await ensureYearPartitions(connection, logger: logger)
                }
                try await connection.query("SELECT pg_advisory_unlock(7361626)", logger: logger)
            }
        }
    }
}

extension PostgresMigrator {
    /// Makes the partitions of last year to two years ahead, and of every year with rows waiting in the default
    /// partition, moving those rows; one year per transaction, so the locks a year takes are let go before the next.
    static func ensureYearPartitions(_ connection: PostgresConnection, logger: Logger) async throws {
        let thisYear = Int32(Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: Date()).year ?? 2026)
        var years = Set((thisYear - 1)...(thisYear + 2))
        for try await year in try await connection.query("SELECT sievert_waiting_years()", logger: logger)
            .decode(Int32.self)
        {
            years.insert(year)
        }
        var created: Int32 = 0
        for year in years.sorted() {
            for try await count in try await connection.query(
                "SELECT sievert_create_year_partitions(\(year), \(year))", logger: logger
            ).decode(Int32.self) {
                created += count
            }
        }
        if created > 0 { logger.notice("created year partitions", metadata: ["count": "\(created)"]) }
    }
}

/// Splits a migration script into statements, keeping `$$`-quoted bodies whole and dropping `--` comments.
enum PostgresStatements {
    static func split(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inDollarQuote = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = Substring(line)
            if !inDollarQuote, let comment = text.range(of: "--") { text = text[..<comment.lowerBound] }
            var previous: Character = " "
            for character in text {
                current.append(character)
                if character == "$" && previous == "$" { inDollarQuote.toggle() }
                if character == ";" && !inDollarQuote {
                    let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                    if statement != ";" { statements.append(statement) }
                    current = ""
                }
                previous = character
            }
            current.append("\n")
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}

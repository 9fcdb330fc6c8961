import Foundation
import Logging
import PostgresNIO

/// Runs the schema migrations as the owner role, each in its own transaction, under an advisory lock.
public enum PostgresMigrator {
    /// Applies pending migrations to the database of `ownerURL`, granting the application role its rights.
    public static func migrate(ownerURL: PostgresURL, applicationRole: String, logger: Logger) async throws {
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
                for migration in PostgresMigrations.all where !applied.contains(migration.version) {
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
                }
                try await connection.query("SELECT pg_advisory_unlock(7361626)", logger: logger)
            }
        }
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

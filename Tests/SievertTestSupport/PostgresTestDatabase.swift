import Foundation
import Logging
import PostgresNIO
import SievertPostgres

/// Creates a database per test, migrated by the owner role, used by the application role.
public enum PostgresTestDatabase {
    public static func create() async throws -> (owner: PostgresURL, app: PostgresURL, superuser: PostgresURL?) {
        let environment = ProcessInfo.processInfo.environment
        guard let ownerText = environment["SIEVERT_TEST_POSTGRES_URL"],
            let appText = environment["SIEVERT_TEST_POSTGRES_APP_URL"]
        else { throw PostgresRequired() }
        let owner = try PostgresURL(ownerText)
        let app = try PostgresURL(appText)
        let name = "sievert_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try await run(owner, "CREATE DATABASE \(name)")
        let ownerURL = owner.with(database: String(name))
        try await PostgresMigrator.migrate(ownerURL: ownerURL, applicationRole: app.username, logger: TestLog.quiet)
        let superuser = try environment["SIEVERT_TEST_POSTGRES_SUPERUSER_URL"].map {
            try PostgresURL($0).with(database: String(name))
        }
        return (ownerURL, app.with(database: String(name)), superuser)
    }

    /// A new database that is not migrated (what a restore goes into), owned by the owner role; the application
    /// role's URL for it beside.
    public static func createEmpty() async throws -> (owner: PostgresURL, app: PostgresURL) {
        let environment = ProcessInfo.processInfo.environment
        guard let ownerText = environment["SIEVERT_TEST_POSTGRES_URL"],
            let appText = environment["SIEVERT_TEST_POSTGRES_APP_URL"]
        else { throw PostgresRequired() }
        let owner = try PostgresURL(ownerText)
        let name = "sievert_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try await run(owner, "CREATE DATABASE \(name)")
        return (owner.with(database: String(name)), try PostgresURL(appText).with(database: String(name)))
    }

    public static func drop(_ owner: PostgresURL) async {
        guard let name = owner.database, name.hasPrefix("sievert_test_") else { return }
        try? await run(owner.with(database: "postgres"), "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one statement as the given role (test set-up only: the SQL is the test's own).
    public static func run(_ url: PostgresURL, _ sql: String) async throws {
        let client = PostgresClient(
            configuration: url.configuration(maximumConnections: 1), backgroundLogger: TestLog.quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestLog.quiet)
        }
    }

    /// Runs statements in order on one connection as the given role; returns the last one's first column.
    public static func session(_ url: PostgresURL, _ statements: [String]) async throws -> [String] {
        let client = PostgresClient(
            configuration: url.configuration(maximumConnections: 1), backgroundLogger: TestLog.quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await client.withConnection { connection in
                var values: [String] = []
                for statement in statements {
                    values = []
                    for try await value in try await connection.query(
                        PostgresQuery(unsafeSQL: statement), logger: TestLog.quiet
                    )
                    .decode(String.self) {
                        values.append(value)
                    }
                }
                return values
            }
        }
    }

    /// Runs a query as the given role and returns the first column of every row as text.
    public static func strings(_ url: PostgresURL, _ sql: String) async throws -> [String] {
        let client = PostgresClient(
            configuration: url.configuration(maximumConnections: 1), backgroundLogger: TestLog.quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            var values: [String] = []
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestLog.quiet)
                .decode(String.self)
            {
                values.append(value)
            }
            return values
        }
    }
}

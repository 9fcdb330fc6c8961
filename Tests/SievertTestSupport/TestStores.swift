import Foundation
import Logging
import SievertPostgres
import SievertSQLite
import SievertStorage

/// The stores a contract test runs on: SQLite always, PostgreSQL when `SIEVERT_TEST_POSTGRES_URL`
/// (owner role, may create databases) and `SIEVERT_TEST_POSTGRES_APP_URL` (application role) are set.
/// With `SIEVERT_REQUIRE_POSTGRES=1` and no PostgreSQL, every such test fails instead of skipping it.
public enum StoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The kinds to run: both when PostgreSQL is configured or required.
    public static var available: [StoreKind] {
        let environment = ProcessInfo.processInfo.environment
        let configured = environment["SIEVERT_TEST_POSTGRES_URL"] != nil
        let required = environment["SIEVERT_REQUIRE_POSTGRES"] == "1"
        return configured || required ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// PostgreSQL was required but not configured.
public struct PostgresRequired: Error, CustomStringConvertible {
    public let description =
        "SIEVERT_REQUIRE_POSTGRES=1 but SIEVERT_TEST_POSTGRES_URL / SIEVERT_TEST_POSTGRES_APP_URL are not set"
}

/// A fresh, migrated store of one kind, removed by `dispose()`.
public struct TestStore: Sendable {
    public let kind: StoreKind
    public let store: any RecordStore
    /// The SQLite database file, for the SQLite kind.
    public let sqlitePath: String?
    /// Owner-role, application-role and (if configured) superuser URLs of the test database, for PostgreSQL.
    public let postgres: (owner: PostgresURL, app: PostgresURL, superuser: PostgresURL?)?
    let directory: String

    /// Makes an empty, migrated store in its own directory or database.
    public static func make(_ kind: StoreKind) async throws -> TestStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sievert-test-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        switch kind {
        case .sqlite:
            let path = directory + "/sievert.sqlite"
            return TestStore(
                kind: kind, store: try SQLiteRecordStore(path: path), sqlitePath: path, postgres: nil,
                directory: directory)
        case .postgres:
            let urls = try await PostgresTestDatabase.create()
            let store = PostgresRecordStore(url: urls.app, maximumConnections: 4, logger: TestLog.quiet)
            return TestStore(kind: kind, store: store, sqlitePath: nil, postgres: urls, directory: directory)
        }
    }

    /// Closes the store and removes its files or database.
    public func dispose() async {
        try? await store.close()
        if let postgres { await PostgresTestDatabase.drop(postgres.owner) }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Runs `body` against a fresh store of `kind`, disposing of it afterwards whatever happens.
public func withTestStore<T>(_ kind: StoreKind, _ body: (TestStore) async throws -> T) async throws -> T {
    let store = try await TestStore.make(kind)
    do {
        let result = try await body(store)
        await store.dispose()
        return result
    } catch {
        await store.dispose()
        throw error
    }
}

/// Loggers for tests: quiet by default, never printing queries.
public enum TestLog {
    public static var quiet: Logger {
        var logger = Logger(label: "sievert.test")
        logger.logLevel = .error
        return logger
    }
}

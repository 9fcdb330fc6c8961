import Foundation
import Logging
import PostgresNIO
import SievertPostgres

/// Creates a database per test, migrated by the owner role, used by the application role.
public enum PostgresTestDatabase {
    /// A new database migrated through the migration `through` names (all when nil).
    public static func create(through: String? = nil) async throws -> (
        owner: PostgresURL, app: PostgresURL, superuser: PostgresURL?
    ) {
        let environment = ProcessInfo.processInfo.environment
        guard let ownerText = environment["SIEVERT_TEST_POSTGRES_URL"],
            let appText = environment["SIEVERT_TEST_POSTGRES_APP_URL"]
        else { throw PostgresRequired() }
        let owner = try PostgresURL(ownerText)
        let app = try PostgresURL(appText)
        let name = "sievert_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        let ownerURL = owner.with(database: String(name))
        await TestDatabaseSlots.shared.acquire(String(name))
        do {
            if through == nil {
                // A copy of a database migrated once per schema: the same as migrating, without running every
                // migration for every test (what made parallel tests slow and starved the server of connections).
                let template = try await MigratedTemplate.shared.name(owner: owner, applicationRole: app.username)
                try await retryWhileInUse { try await run(owner, "CREATE DATABASE \(name) TEMPLATE \(template)") }
            } else {
                try await run(owner, "CREATE DATABASE \(name)")
                try await PostgresMigrator.migrate(
                    ownerURL: ownerURL, applicationRole: app.username, through: through, logger: TestLog.quiet)
            }
        } catch {
            await drop(ownerURL)
            throw error
        }
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
        await TestDatabaseSlots.shared.acquire(String(name))
        do {
            try await run(owner, "CREATE DATABASE \(name)")
        } catch {
            await drop(owner.with(database: String(name)))
            throw error
        }
        return (owner.with(database: String(name)), try PostgresURL(appText).with(database: String(name)))
    }

    /// A copy of the database of `owner` (`CREATE DATABASE … TEMPLATE …`), standing in for a streaming replica:
    /// the same schema, roles' rights, policies and rows as the source had when copied. Close every pool on the
    /// source first; connections that are still closing are waited for. Returns the copy's owner URL.
    public static func copy(_ owner: PostgresURL) async throws -> PostgresURL {
        guard let name = owner.database, name.hasPrefix("sievert_test_") else { throw PostgresRequired() }
        let copy = name + "_copy"
        try await retryWhileInUse {
            try await run(owner.with(database: "postgres"), "CREATE DATABASE \(copy) TEMPLATE \(name)")
        }
        return owner.with(database: copy)
    }

    /// Runs `body` again while it fails, for up to a minute: copying or renaming a database fails ("database is
    /// being accessed by other users", which the driver's error text does not show) until the connections of pools
    /// just closed on it have ended, which on a loaded machine running every test at once takes seconds.
    static func retryWhileInUse(_ body: () async throws -> Void) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            do {
                return try await body()
            } catch {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    public static func drop(_ owner: PostgresURL) async {
        guard let name = owner.database, name.hasPrefix("sievert_test_") else { return }
        try? await run(owner.with(database: "postgres"), "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await TestDatabaseSlots.shared.release(name)
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

/// The database every test database is copied from: migrated through the last migration once per schema (named by
/// ``PostgresMigrator/schemaFingerprint``) and kept on the server, so later runs reuse it. It is built under a
/// private name and renamed when complete, so a run that dies half-way, or another process building it at the same
/// time, never leaves a half-migrated template under the shared name.
actor MigratedTemplate {
    static let shared = MigratedTemplate()
    // One build per process: tests asking while it runs wait for the same one (an actor is re-entered at every
    // await, so a plain cached name would let each of them build its own).
    private var building: Task<String, any Error>?

    func name(owner: PostgresURL, applicationRole: String) async throws -> String {
        if let building, let name = try? await building.value { return name }
        let task = Task { try await Self.build(owner: owner, applicationRole: applicationRole) }
        building = task
        return try await task.value
    }

    private static func build(owner: PostgresURL, applicationRole: String) async throws -> String {
        let final = "sievert_template_\(PostgresMigrator.schemaFingerprint)_\(applicationRole)"
        if try await exists(final, owner: owner) { return final }
        let building = final + "_" + UUID().uuidString.lowercased().prefix(8)
        try await PostgresTestDatabase.run(owner, "CREATE DATABASE \(building)")
        do {
            try await PostgresMigrator.migrate(
                ownerURL: owner.with(database: building), applicationRole: applicationRole, logger: TestLog.quiet)
            try await PostgresTestDatabase.retryWhileInUse {
                try await PostgresTestDatabase.run(owner, "ALTER DATABASE \(building) RENAME TO \(final)")
            }
        } catch {
            try? await PostgresTestDatabase.run(owner, "DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
            // Another process finished the same template first: use theirs.
            guard try await exists(final, owner: owner) else { throw error }
        }
        return final
    }

    private static func exists(_ database: String, owner: PostgresURL) async throws -> Bool {
        try await !PostgresTestDatabase.strings(owner, "SELECT datname FROM pg_database WHERE datname = '\(database)'")
            .isEmpty
    }

}

/// How many test databases this process keeps at once. Swift Testing starts every test together; each PostgreSQL
/// test holds a database and a pool of connections while it runs, so without a bound the number of connections
/// depends on how fast the machine gets through them, and a slow machine runs the server out of connection slots.
/// A test asks for a slot when its database is created and gives it back when the database is dropped (copies
/// made for replica tests take none, so no test waits on a slot it holds itself).
actor TestDatabaseSlots {
    static let shared = TestDatabaseSlots(
        capacity: ProcessInfo.processInfo.environment["SIEVERT_TEST_POSTGRES_DATABASES"].flatMap(Int.init) ?? 32)

    let capacity: Int
    private var held: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func acquire(_ name: String) async {
        while held.count >= capacity {
            await withCheckedContinuation { waiting.append($0) }
        }
        held.insert(name)
    }

    func release(_ name: String) {
        guard held.remove(name) != nil, !waiting.isEmpty else { return }
        waiting.removeFirst().resume()
    }
}

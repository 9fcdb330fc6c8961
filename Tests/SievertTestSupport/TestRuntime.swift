import Foundation
import Logging
import SievertApp
import SievertPostgres
import SievertServices

/// A whole service (settings → keys → migrated store → use cases) in a temporary data directory, on
/// SQLite or on a fresh PostgreSQL database.
public struct TestRuntime: Sendable {
    public let runtime: SievertRuntime
    public let kind: StoreKind
    public let dataDirectory: String
    public let postgresOwner: String?

    public var sievert: Sievert { runtime.sievert }

    /// Opens a runtime; `flags` add or override settings (keys as in `SievertSettings`).
    public static func make(
        _ kind: StoreKind = .sqlite, flags: [String: String] = [:], logger: Logger = TestLog.quiet,
        clock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async throws -> TestRuntime {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sievert-rt-\(UUID().uuidString)")
            .path
        var settings = ["data.dir": directory, "demo": "false"]
        var owner: String?
        if kind == .postgres {
            let urls = try await PostgresTestDatabase.create()
            settings["postgres.url"] = urls.app.secretDescription
            settings["postgres.owner.url"] = urls.owner.secretDescription
            settings["postgres.app.role"] = urls.app.username
            // Every test runs at once: a small pool each keeps the server under its connection limit.
            settings["postgres.pool.size"] = "4"
            owner = urls.owner.secretDescription
        }
        let runtime = try await SievertRuntime.open(
            SievertSettings.from(flags: settings.merging(flags) { $1 }, environment: [:]), logger: logger, clock: clock,
            sleep: sleep)
        return TestRuntime(runtime: runtime, kind: kind, dataDirectory: directory, postgresOwner: owner)
    }

    /// Closes the store and removes the data directory and database.
    public func dispose() async {
        await runtime.close()
        if let postgresOwner, let url = try? PostgresURL(postgresOwner) { await PostgresTestDatabase.drop(url) }
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try? FileManager.default.removeItem(atPath: runtime.settings.effectiveWitnessDirectory)
    }
}

/// Runs `body` with a fresh runtime, disposing of it afterwards whatever happens.
public func withTestRuntime<T>(
    _ kind: StoreKind = .sqlite, flags: [String: String] = [:], logger: Logger = TestLog.quiet,
    clock: @escaping @Sendable () -> Date = { Date() },
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
    _ body: (TestRuntime) async throws -> T
) async throws -> T {
    let runtime = try await TestRuntime.make(kind, flags: flags, logger: logger, clock: clock, sleep: sleep)
    do {
        let result = try await body(runtime)
        await runtime.dispose()
        return result
    } catch {
        await runtime.dispose()
        throw error
    }
}

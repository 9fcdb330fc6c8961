import Logging
import PostgresNIO

/// A running `PostgresClient` whose background task lives exactly as long as the session.
final class PostgresSession: Sendable {
    let client: PostgresClient
    private let runner: Task<Void, Never>

    convenience init(_ url: PostgresURL, maximumConnections: Int = 8, logger: Logger) {
        self.init(
            url, pool: PostgresPoolOptions(maximumConnections: maximumConnections), applicationName: "sievert",
            logger: logger)
    }

    init(_ url: PostgresURL, pool: PostgresPoolOptions, applicationName: String, logger: Logger) {
        let client = PostgresClient(
            configuration: url.configuration(pool: pool, applicationName: applicationName), backgroundLogger: logger)
        self.client = client
        self.runner = Task { await client.run() }
    }

    func close() {
        runner.cancel()
    }

    /// Runs `body` with a fresh client and shuts it down afterwards.
    static func with<T: Sendable>(
        _ url: PostgresURL, logger: Logger, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let session = PostgresSession(url, maximumConnections: 1, logger: logger)
        defer { session.close() }
        return try await body(session.client)
    }
}

/// How many connections a store keeps to one server: postgres-nio's pool (`PostgresClient`), sized by
/// configuration. The primary and, when there is one, the report replica each get a pool of this size.
public struct PostgresPoolOptions: Sendable, Equatable {
    /// The most connections open at once (`postgres.pool.size`); callers beyond it wait for a free one.
    public var maximumConnections: Int
    /// Connections opened at start and kept open while idle (`postgres.pool.min`), at most `maximumConnections`.
    public var minimumConnections: Int
    /// How long a connection above the minimum may stay unused before it is closed (`postgres.pool.idle.timeout`).
    public var idleTimeout: Duration

    /// Options clamped to what the pool accepts: at least one connection, a minimum no larger than the maximum.
    public init(maximumConnections: Int = 8, minimumConnections: Int = 0, idleTimeout: Duration = .seconds(60)) {
        self.maximumConnections = max(1, maximumConnections)
        self.minimumConnections = min(max(0, minimumConnections), self.maximumConnections)
        self.idleTimeout = max(.seconds(1), idleTimeout)
    }
}

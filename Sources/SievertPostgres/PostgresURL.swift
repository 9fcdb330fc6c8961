import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database` URL turned into a client configuration.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    let password: String?
    public let database: String?

    /// Parses a connection URL; the password never appears in errors or descriptions.
    public init(_ text: String) throws(StoreURLError) {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty
        else { throw StoreURLError(reason: "expected postgres://user[:password]@host[:port]/database") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? nil : path
    }

    /// The same server and credentials, another database.
    public func with(database: String) -> PostgresURL {
        PostgresURL(host: host, port: port, username: username, password: password, database: database)
    }

    private init(host: String, port: Int, username: String, password: String?, database: String?) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// The client configuration, with the pool size given.
    public func configuration(maximumConnections: Int = 8) -> PostgresClient.Configuration {
        configuration(pool: PostgresPoolOptions(maximumConnections: maximumConnections))
    }

    /// The client configuration with a sized pool; `applicationName` names the connections in `pg_stat_activity`.
    public func configuration(pool: PostgresPoolOptions, applicationName: String = "sievert")
        -> PostgresClient.Configuration
    {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable)
        configuration.options.maximumConnections = pool.maximumConnections
        configuration.options.minimumConnections = pool.minimumConnections
        configuration.options.connectionIdleTimeout = pool.idleTimeout
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database ?? "")" }

    /// The full URL including the password, for handing to another process or setting; never log it.
    public var secretDescription: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + (database ?? "")
        return components.string ?? description
    }
}

/// A database URL that could not be understood.
public struct StoreURLError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

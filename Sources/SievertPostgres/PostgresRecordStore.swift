import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// The production record store: PostgreSQL through postgres-nio, as an application role that owns
/// nothing, with every query inside a transaction whose scope is set with `set_config(..., true)`
/// (the `SET LOCAL` of a parameterised query) so row-level security filters every row.
///
/// Reads that only reports make can go to a streaming replica (a hot standby, a physical copy with the same roles
/// and row-level security), so long report queries do not compete with the primary's writes; everything else,
/// and every read that a write depends on, goes to the primary.
public final class PostgresRecordStore: RecordStore {
    let session: PostgresSession
    /// The replica's pool, when one is configured.
    let replica: PostgresSession?
    let logger: Logger

    /// Connects as the application role. Run `PostgresMigrator.migrate` (as the owner) first.
    public convenience init(url: PostgresURL, maximumConnections: Int = 8, logger: Logger) {
        self.init(
            url: url, replicaURL: nil, pool: PostgresPoolOptions(maximumConnections: maximumConnections),
            logger: logger)
    }

    /// Connects as the application role to the primary and, when `replicaURL` is given, to a replica that serves
    /// report reads; each gets a pool sized by `pool`. Run `PostgresMigrator.migrate` (as the owner) first.
    public init(url: PostgresURL, replicaURL: PostgresURL?, pool: PostgresPoolOptions, logger: Logger) {
        self.session = PostgresSession(url, pool: pool, applicationName: "sievert", logger: logger)
        self.replica = replicaURL.map {
            PostgresSession($0, pool: pool, applicationName: "sievert-reports", logger: logger)
        }
        self.logger = logger
    }

    var client: PostgresClient { session.client }

    /// Where a read goes: the primary, or the report replica when there is one.
    enum Route {
        case primary
        /// A read only reports make, in a read-only transaction, on the replica when one is configured.
        case reports
    }

    /// Runs `body` in a transaction bound to `scope`.
    @discardableResult
    func scoped<T: Sendable>(
        _ scope: StoreScope, on route: Route = .primary, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let organisations: String
        let all: String
        switch scope.organisations {
        case .all:
            organisations = ""
            all = "on"
        case .only(let ids):
            organisations = ids.map(\.description).sorted().joined(separator: ",")
            all = "off"
        }
        let client = route == .reports ? (replica ?? session).client : session.client
        do {
            return try await client.withTransaction(logger: logger) { connection in
                if route == .reports {
                    // Read-only on either server, so a report read can never write, replica or not.
                    try await connection.query(
                        """
                        SELECT set_config('sievert.organisations', \(organisations), true),
                               set_config('sievert.all_organisations', \(all), true),
                               set_config('transaction_read_only', 'on', true)
                        """, logger: logger)
                } else {
                    try await connection.query(
                        """
                        SELECT set_config('sievert.organisations', \(organisations), true),
                               set_config('sievert.all_organisations', \(all), true)
                        """, logger: logger)
                }
                return try await body(connection)
            }
        } catch {
            throw PostgresErrors.map(error)
        }
    }

    public func apply(_ changes: ChangeSet, scope: StoreScope) async throws {
        try scope.check(changes)
        guard !changes.isEmpty else { return }
        try await scoped(scope) { connection in
            try await PostgresWriter(connection: connection, logger: logger).apply(changes)
        }
    }

    @discardableResult
    public func apply<Chunks: AsyncSequence & Sendable>(chunks: Chunks, scope: StoreScope) async throws -> WriteMark?
    where Chunks.Element == ChangeSet {
        try await scoped(scope) { connection in
            let writer = PostgresWriter(connection: connection, logger: logger)
            for try await chunk in chunks {
                try scope.check(chunk)
                if !chunk.isEmpty { try await writer.apply(chunk) }
            }
        }
        return nil
    }

    public func organisations(scope: StoreScope) async throws -> [OrganisationRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM organisations ORDER BY code", logger: logger),
                PostgresRows.organisation)
        }
    }

    public func organisation(id: OrganisationID, scope: StoreScope) async throws -> OrganisationRow? {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM organisations WHERE id = \(id.uuid)", logger: logger),
                PostgresRows.organisation
            ).first
        }
    }

    public func organisation(code: String, scope: StoreScope) async throws -> OrganisationRow? {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM organisations WHERE code = \(code)", logger: logger),
                PostgresRows.organisation
            ).first
        }
    }

    public func organisationKeys(of organisation: OrganisationID, scope: StoreScope) async throws -> [WrappedKeyRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM organisation_keys WHERE organisation_id = \(organisation.uuid) ORDER BY version",
                    logger: logger),
                PostgresRows.wrappedKey)
        }
    }

    public func serviceKeys(named name: String) async throws -> [WrappedKeyRow] {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM service_keys WHERE name = \(name) ORDER BY version", logger: logger),
                PostgresRows.wrappedKey)
        }
    }

    public func insertServiceKey(named name: String, key: WrappedKeyRow) async throws {
        try await scoped(.none) { connection in
            try await connection.query(
                """
                INSERT INTO service_keys (name, version, wrapping_version, envelope, created_at)
                VALUES (\(name), \(Int64(key.version)), \(Int64(key.wrappingVersion)), \(Data(key.envelope)),
                        \(key.createdAt))
                """, logger: logger)
        }
    }

    public func person(id: PersonID, scope: StoreScope) async throws -> PersonRecord? {
        try await people(ids: [id], scope: scope).first
    }

    public func people(ids: [PersonID], scope: StoreScope) async throws -> [PersonRecord] {
        guard !ids.isEmpty else { return [] }
        return try await scoped(scope) { connection in
            try await PostgresReader(connection: connection, logger: logger).people(
                where: "p.id = ANY($1)", binds: { $0.append(ids.map(\.uuid)) })
        }
    }

    public func people(withNINOIndexes indexes: [Int64], scope: StoreScope) async throws -> [PersonRecord] {
        guard !indexes.isEmpty else { return [] }
        return try await scoped(scope) { connection in
            try await PostgresReader(connection: connection, logger: logger).people(
                where: "p.nino_index = ANY($1) AND NOT p.is_canary", binds: { $0.append(Array(Set(indexes))) })
        }
    }

    public func people(
        of organisation: OrganisationID, after: PersonID?, limit: Int, includeCanaries: Bool, scope: StoreScope
    ) async throws -> [PersonRecord] {
        guard limit > 0 else { return [] }
        return try await scoped(scope) { connection in
            let canaries = includeCanaries ? "" : " AND NOT p.is_canary"
            return try await PostgresReader(connection: connection, logger: logger).people(
                where: "p.organisation_id = $1 AND p.id > $2\(canaries) ORDER BY p.id LIMIT $3",
                binds: {
                    $0.append(organisation.uuid)
                    $0.append(after?.uuid ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
                    $0.append(Int64(limit))
                })
        }
    }

    public func matchKeys(of organisation: OrganisationID, scope: StoreScope) async throws -> [PersonMatchKeys] {
        try await scoped(scope) { connection in
            var keys: [PersonMatchKeys] = []
            let rows = try await connection.query(
                """
                SELECT p.id, p.nino_index, p.source_index,
                       coalesce(array_agg(e.staff_index) FILTER (WHERE e.staff_index IS NOT NULL), '{}') AS staff
                FROM people p LEFT JOIN employments e ON e.person_id = p.id
                WHERE p.organisation_id = \(organisation.uuid)
                GROUP BY p.id
                """, logger: logger)
            for try await (id, nino, source, staff) in rows.decode((UUID, Int64?, Int64?, [Int64]).self) {
                keys.append(
                    PersonMatchKeys(personID: PersonID(id), ninoIndex: nino, sourceIndex: source, staffIndexes: staff))
            }
            return keys
        }
    }

    public func countPeople(of organisation: OrganisationID, scope: StoreScope) async throws -> Int {
        try await scoped(scope) { connection in
            var count = 0
            for try await value in try await connection.query(
                "SELECT count(*) FROM people WHERE organisation_id = \(organisation.uuid)", logger: logger
            ).decode(Int64.self) {
                count = Int(value)
            }
            return count
        }
    }

    public func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEventRow] {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM audit_events WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(Int64(limit))",
                    logger: logger),
                PostgresRows.auditEvent)
        }
    }

    public func auditEvents(in range: ClosedRange<Int64>) async throws -> [AuditEventRow] {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT * FROM audit_events WHERE sequence BETWEEN \(range.lowerBound) AND \(range.upperBound)
                    ORDER BY sequence
                    """, logger: logger),
                PostgresRows.auditEvent)
        }
    }

    public func lastAuditSequence() async throws -> Int64 {
        try await scoped(.none) { connection in
            var last: Int64 = 0
            for try await value in try await connection.query(
                "SELECT coalesce(max(sequence), 0) FROM audit_events", logger: logger
            ).decode(Int64.self) {
                last = value
            }
            return last
        }
    }

    public func close() async throws {
        session.close()
        replica?.close()
    }
}

extension PostgresRecordStore {
    public func insertAccessToken(_ token: AccessTokenRow) async throws {
        try await scoped(.none) { connection in
            try await connection.query(
                """
                INSERT INTO access_tokens (hash, id, role, organisation_id, created_at, expires_at, revoked_at)
                VALUES (\(Data(token.hash)), \(token.id), \(token.role), \(token.organisationID?.uuid),
                        \(token.createdAt), \(token.expiresAt), \(token.revokedAt))
                """, logger: logger)
        }
    }

    public func accessToken(hash: [UInt8]) async throws -> AccessTokenRow? {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM access_tokens WHERE hash = \(Data(hash))", logger: logger),
                PostgresRows.accessToken
            ).first
        }
    }
}

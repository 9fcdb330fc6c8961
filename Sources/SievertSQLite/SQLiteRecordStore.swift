import DoseCore
import Foundation
import GRDB
import SievertStorage

/// The embedded record store: SQLite in WAL mode through a GRDB `DatabasePool`.
///
/// SQLite has no row-level security, so tenancy is enforced here: every query carries the scope's
/// organisation filter and every change set is checked before it is applied.
public final class SQLiteRecordStore: RecordStore {
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    public init(path: String, cacheSizeMiB: Int = 64) throws {
        var configuration = Configuration()
        // Another process may be writing (a CLI command beside the server, a key rotation, a backup): wait for
        // its transaction instead of failing at once with "database is locked".
        configuration.busyMode = .timeout(15)
        configuration.prepareDatabase { db in
            // secure_delete overwrites freed pages, so a shredded key does not linger in the file.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = \(-cacheSizeMiB * 1024)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteMigrations.migrator.migrate(pool)
        } catch {
            throw StoreError.unavailable("cannot open the SQLite database: \(Self.describe(error))")
        }
    }

    public func apply(_ changes: ChangeSet, scope: StoreScope) async throws {
        try scope.check(changes)
        guard !changes.isEmpty else { return }
        do {
            try await pool.write { db in try SQLiteWriter(db: db).apply(changes) }
        } catch {
            throw Self.writeError(error)
        }
    }

    @discardableResult
    public func apply<Chunks: AsyncSequence & Sendable>(chunks: Chunks, scope: StoreScope) async throws -> WriteMark?
    where Chunks.Element == ChangeSet {
        // Two chunks queued: the next is made while one is written, and no more are held.
        let pipe = SQLiteChunkPipe<ChangeSet>(capacity: 2)
        let producer = Task {
            do {
                for try await chunk in chunks {
                    try scope.check(chunk)
                    guard await pipe.put(chunk) else { return }
                }
                pipe.finish()
            } catch {
                pipe.finish(throwing: error)
            }
        }
        do {
            return try await pool.write { db in
                let writer = SQLiteWriter(db: db)
                // Rows of a table without an INTEGER PRIMARY KEY take the next number after the largest, and this
                // transaction is the only writer: its entries are numbered from last + 1 on, without gaps. (Dose
                // entries are never deleted, and this store never vacuums, which could renumber them.)
                let last = try Self.lastDoseEntryRow(db)
                var written: Int64 = 0
                while let chunk = try pipe.take() {
                    if !chunk.isEmpty { try writer.apply(chunk) }
                    written += Int64(chunk.newDoseEntries.count)
                }
                let end = try Self.lastDoseEntryRow(db)
                guard written > 0, end - last == written else { return nil }
                return WriteMark(rows: (last + 1)...end)
            }
        } catch {
            pipe.close()
            producer.cancel()
            await producer.value
            throw Self.writeError(error)
        }
    }

    /// The largest row number of the dose entries, 0 for none.
    private static func lastDoseEntryRow(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM dose_entries") ?? 0
    }

    /// A failed write as the store reports it.
    static func writeError(_ error: any Error) -> any Error {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT:
            return StoreError.conflict(constraintName(error))
        default:
            return StoreError.unavailable(describe(error))
        }
    }

    public func organisations(scope: StoreScope) async throws -> [OrganisationRow] {
        guard let filter = SQLiteScopeFilter(scope, column: "id") else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM organisations WHERE \(filter.sql) ORDER BY code",
                arguments: filter.arguments, as: SQLiteRows.organisation)
        }
    }

    public func organisation(id: OrganisationID, scope: StoreScope) async throws -> OrganisationRow? {
        guard scope.permits(id) else { return nil }
        return try await read { db in
            try db.cachedRow(
                sql: "SELECT * FROM organisations WHERE id = ?", arguments: [id.description],
                as: SQLiteRows.organisation)
        }
    }

    public func organisation(code: String, scope: StoreScope) async throws -> OrganisationRow? {
        guard let filter = SQLiteScopeFilter(scope, column: "id") else { return nil }
        return try await read { db in
            try db.cachedRow(
                sql: "SELECT * FROM organisations WHERE code = ? AND \(filter.sql)",
                arguments: [code] + filter.arguments, as: SQLiteRows.organisation)
        }
    }

    public func organisationKeys(of organisation: OrganisationID, scope: StoreScope) async throws -> [WrappedKeyRow] {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM organisation_keys WHERE organisation_id = ? ORDER BY version",
                arguments: [organisation.description], as: SQLiteRows.wrappedKey)
        }
    }

    public func serviceKeys(named name: String) async throws -> [WrappedKeyRow] {
        try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM service_keys WHERE name = ? ORDER BY version", arguments: [name],
                as: SQLiteRows.wrappedKey)
        }
    }

    public func insertServiceKey(named name: String, key: WrappedKeyRow) async throws {
        do {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO service_keys (name, version, wrapping_version, envelope, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        name, Int64(key.version), Int64(key.wrappingVersion), Data(key.envelope),
                        SQLiteRows.millis(key.createdAt),
                    ])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.conflict("service key version exists")
        }
    }

    public func person(id: PersonID, scope: StoreScope) async throws -> PersonRecord? {
        try await people(ids: [id], scope: scope).first
    }

    public func people(ids: [PersonID], scope: StoreScope) async throws -> [PersonRecord] {
        guard !ids.isEmpty, let filter = SQLiteScopeFilter(scope, column: "p.organisation_id") else { return [] }
        let query = { @Sendable (db: Database) in
            try ids.map(\.description).inChunks { marks, arguments in
                try SQLiteReader(db: db).people(
                    where: "p.id IN (\(marks)) AND \(filter.sql)", arguments: arguments + filter.arguments)
            }
        }
        return ids.count <= Self.readHereLimit ? try readHere(query) : try await read(query)
    }

    public func people(withNINOIndexes indexes: [Int64], scope: StoreScope) async throws -> [PersonRecord] {
        guard !indexes.isEmpty, let filter = SQLiteScopeFilter(scope, column: "p.organisation_id") else { return [] }
        return try await read { db in
            try Array(Set(indexes)).sorted().inChunks { marks, arguments in
                try SQLiteReader(db: db).people(
                    where: "p.nino_index IN (\(marks)) AND NOT p.is_canary AND \(filter.sql)",
                    arguments: arguments + filter.arguments)
            }
        }
    }

    public func people(
        of organisation: OrganisationID, after: PersonID?, limit: Int, includeCanaries: Bool, scope: StoreScope
    ) async throws -> [PersonRecord] {
        guard scope.permits(organisation), limit > 0 else { return [] }
        return try await read { db in
            var clause = "p.organisation_id = ?"
            var arguments: StatementArguments = [organisation.description]
            if let after {
                clause += " AND p.id > ?"
                arguments += [after.description]
            }
            if !includeCanaries { clause += " AND p.is_canary = 0" }
            return try SQLiteReader(db: db).people(
                where: clause + " ORDER BY p.id LIMIT \(limit)", arguments: arguments)
        }
    }

    public func matchKeys(of organisation: OrganisationID, scope: StoreScope) async throws -> [PersonMatchKeys] {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            var staff: [String: [Int64]] = [:]
            let staffRows = try Row.fetchCursor(
                db, sql: "SELECT person_id, staff_index FROM employments WHERE organisation_id = ?",
                arguments: [organisation.description])
            while let row = try staffRows.next() {
                if let index: Int64 = row["staff_index"] { staff[row["person_id"], default: []].append(index) }
            }
            var keys: [PersonMatchKeys] = []
            let people = try Row.fetchCursor(
                db, sql: "SELECT id, nino_index, source_index FROM people WHERE organisation_id = ?",
                arguments: [organisation.description])
            while let row = try people.next() {
                let id: String = row["id"]
                keys.append(
                    PersonMatchKeys(
                        personID: try SQLiteRows.identifier(id), ninoIndex: row["nino_index"],
                        sourceIndex: row["source_index"], staffIndexes: staff[id] ?? []))
            }
            return keys
        }
    }

    public func countPeople(of organisation: OrganisationID, scope: StoreScope) async throws -> Int {
        guard scope.permits(organisation) else { return 0 }
        return try await read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM people WHERE organisation_id = ?", arguments: [organisation.description]
            ) ?? 0
        }
    }

    public func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEventRow] {
        try await auditEvents(where: "sequence > ? ORDER BY sequence LIMIT ?", [sequence, limit], capacity: limit)
    }

    public func auditEvents(in range: ClosedRange<Int64>) async throws -> [AuditEventRow] {
        try await auditEvents(
            where: "sequence BETWEEN ? AND ? ORDER BY sequence", [range.lowerBound, range.upperBound],
            capacity: Int(clamping: range.upperBound - range.lowerBound + 1))
    }

    public func lastAuditSequence() async throws -> Int64 {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(sequence), 0) FROM audit_events") ?? 0 }
    }

    // `sievert audit verify` reads every event through here: named columns (not `*`, which drags the stored leaf
    // hash along), a cached statement and positional reads from a cursor keep it to the row decoding.
    private func auditEvents(where condition: String, _ arguments: StatementArguments, capacity: Int) async throws
        -> [AuditEventRow]
    {
        try await read { db in
            let statement = try db.cachedStatement(sql: SQLiteRows.auditEventSelect + " WHERE " + condition)
            statement.arguments = arguments
            var events: [AuditEventRow] = []
            events.reserveCapacity(min(max(capacity, 0), 10_000))
            let rows = try Row.fetchCursor(statement)
            while let row = try rows.next() {
                events.append(try SQLiteRows.auditEvent(positional: row))
            }
            return events
        }
    }

    public func close() async throws {
        try pool.close()
    }

    /// Runs a read on a thread of its own, off the threads every task shares, in one read-only transaction.
    ///
    /// Not GRDB's asynchronous read: that one keeps its connection checked out until the awaiting task runs again,
    /// so with every shared thread waiting in ``readHere(_:)`` for a connection, the connections wait for those
    /// threads and nothing moves. Here a connection is held only by a thread that is running the read.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.readQueue.async { continuation.resume(with: Result { try self.readHere(body) }) }
        }
    }

    /// A queue of GRDB's kind (not a global one): a read waiting for a connection gets a thread of its own instead
    /// of holding up the reads queued behind it.
    private static let readQueue = DispatchQueue(label: "sievert.sqlite.read", attributes: .concurrent)

    /// Runs a read of a few rows (a token, a session, one person, one person's entries) on the calling thread.
    ///
    /// An asynchronous read hands the work to another thread and the answer back to the task: two thread wake-ups
    /// around a read of tens of microseconds, which under load were a quarter of the server's time. This read runs
    /// in place, in one read-only transaction. Only reads bounded by one subject come here: a long read would hold
    /// one of the few threads every task shares.
    func readHere<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(Self.describe(error))
        }
    }

    /// At most this many subjects make a read small enough for ``readHere(_:)``.
    static let readHereLimit = 16

    // GRDB's error text can quote SQL arguments; keep only the result code and the constraint message.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return "\(error.resultCode): \(error.message ?? "")" }
        return String(describing: type(of: error))
    }

    static func constraintName(_ error: DatabaseError) -> String {
        error.message ?? "constraint"
    }
}

extension SQLiteRows {
    /// `count` bound parameters for an `IN (…)` list: `?,?,…`.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension Array where Element: DatabaseValueConvertible {
    /// Runs `query` for each run of at most 500 of these values (SQLite limits the parameters of one statement;
    /// 500 stays well inside it) with the run's `?,?,…` list and its arguments, and joins the answers in order.
    func inChunks<Value>(_ query: (_ marks: String, _ arguments: StatementArguments) throws -> [Value]) rethrows
        -> [Value]
    {
        var values: [Value] = []
        for start in stride(from: 0, to: count, by: 500) {
            let chunk = Array(self[start..<Swift.min(start + 500, count)])
            values += try query(SQLiteRows.marks(chunk.count), StatementArguments(chunk))
        }
        return values
    }
}

extension SQLiteRecordStore {
    public func insertAccessToken(_ token: AccessTokenRow) async throws {
        do {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO access_tokens (hash, id, role, organisation_id, created_at, expires_at, revoked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        Data(token.hash), token.id, token.role, token.organisationID?.description,
                        SQLiteRows.millis(token.createdAt), token.expiresAt.map(SQLiteRows.millis),
                        token.revokedAt.map(SQLiteRows.millis),
                    ])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.conflict("access token exists")
        }
    }

    public func accessToken(hash: [UInt8]) async throws -> AccessTokenRow? {
        try readHere { db in
            try db.cachedRow(
                sql: "SELECT * FROM access_tokens WHERE hash = ?", arguments: [Data(hash)], as: SQLiteRows.accessToken)
        }
    }
}

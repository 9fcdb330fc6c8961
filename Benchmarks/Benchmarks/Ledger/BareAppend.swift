import Benchmark
import DoseCore
import Foundation
import GRDB
import SievertSQLite
import SievertStorage

/// The baseline: the same rows inserted straight into the store's own `audit_events` table through GRDB with
/// the store's pragmas, one write transaction per batch and a cached prepared statement — and nothing else:
/// sequence numbers and leaf hashes are computed before the measurement, and there is no change set, scope
/// check, last-sequence query or hand-over to an async write.
enum BareAppend {
    /// The columns `SQLiteWriter` inserts.
    static let insertSQL = """
        INSERT INTO audit_events (sequence, occurred_at, actor, role, action, subject_id, organisation_id, \
        purpose, request_id, outcome, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The events of one iteration as bound values, leaf hash included, cut into batches of `batchSize`.
    static func batches(events: Int, batchSize: Int) throws -> [[[DatabaseValue]]] {
        let rows = try SyntheticAuditEvents.rows(count: events).enumerated().map { index, event in
            let sequence = Int64(index) + 1
            let values: [(any DatabaseValueConvertible)?] = [
                sequence, Int64((event.occurredAt.timeIntervalSince1970 * 1000).rounded()), event.actor, event.role,
                event.action, event.subjectID, event.organisationID?.description, event.purpose, event.requestID,
                event.outcome, Data(try event.leafHash(sequence: sequence)),
            ]
            return values.map { $0?.databaseValue ?? .null }
        }
        return stride(from: 0, to: rows.count, by: batchSize).map { Array(rows[$0..<min($0 + batchSize, rows.count)]) }
    }

    /// One iteration: a new database created and migrated by `SQLiteRecordStore` (so the table, its indexes
    /// and triggers are exactly the store's) and closed again, then opened as a bare `DatabasePool`; all of
    /// that outside the measured region.
    static func measure(_ benchmark: Benchmark, batches: [[[DatabaseValue]]]) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path + "/sievert.sqlite"
        try await SQLiteRecordStore(path: path).close()
        try insert(batches, into: path, benchmark)
    }

    /// The measured part, synchronous on the calling thread: GRDB's blocking `write`, no async hand-over.
    private static func insert(_ batches: [[[DatabaseValue]]], into path: String, _ benchmark: Benchmark) throws {
        let pool = try DatabasePool(path: path, configuration: storeConfiguration())
        let events = batches.reduce(0) { $0 + $1.count }

        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        for batch in batches {
            try pool.write { db in
                let statement = try db.cachedStatement(sql: insertSQL)
                for row in batch {
                    try statement.execute(arguments: StatementArguments(row))
                }
            }
        }
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        let stored = try pool.read { db in try Int.fetchOne(db, sql: "SELECT max(sequence) FROM audit_events") }
        precondition(stored == events, "expected \(events) events, found \(stored ?? 0)")
        benchmark.recordRate(eventsPerSecond, count: events, over: elapsed)
        try pool.close()
    }

    /// The pragmas `SQLiteRecordStore` sets on every connection of its `DatabasePool` (WAL, 64 MiB cache).
    static func storeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = \(-64 * 1024)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }
}

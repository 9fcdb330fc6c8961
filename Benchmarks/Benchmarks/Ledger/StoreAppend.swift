import Benchmark
import SievertSQLite
import SievertStorage

/// Appending audit events through the real store: `SQLiteRecordStore.apply(_:scope:)` with change sets that
/// hold only audit events, as the services hand them over. Per event the store checks the scope, assigns the
/// next sequence, builds the ledger entry and its leaf hash and inserts the row; per change set it reads the
/// last sequence and commits one write transaction.
enum StoreAppend {
    /// The operator's scope, which every event's organisation is in.
    static let scope = StoreScope.service(actor: "cli:operator")

    /// The events of one iteration cut into change sets of `eventsPerChangeSet`, made before any measurement.
    static func changeSets(events: Int, eventsPerChangeSet: Int) -> [ChangeSet] {
        let rows = SyntheticAuditEvents.rows(count: events)
        return stride(from: 0, to: rows.count, by: eventsPerChangeSet).map { start in
            var changes = ChangeSet()
            changes.auditEvents = Array(rows[start..<min(start + eventsPerChangeSet, rows.count)])
            return changes
        }
    }

    /// One iteration: a new database (opened and migrated outside the measured region), every change set
    /// applied in order, then a check that the last event landed at the expected sequence.
    static func measure(_ benchmark: Benchmark, changeSets: [ChangeSet]) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try SQLiteRecordStore(path: directory.path + "/sievert.sqlite")
        let events = changeSets.reduce(0) { $0 + $1.auditEvents.count }

        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        for changes in changeSets {
            try await store.apply(changes, scope: scope)
        }
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        let tail = try await store.auditEvents(after: Int64(events - 1), limit: 2)
        precondition(tail.map(\.sequence) == [Int64(events)], "expected \(events) events, found \(tail)")
        benchmark.recordRate(eventsPerSecond, count: events, over: elapsed)
        try await store.close()
    }
}

import Ledger
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    // The driver hands out decoded values, so each row is decoded as for reading events and its leaf hashed from
    // the strings as stored (unvalidated, like SQLite's), leaving out the stored leaf hash column.
    public func auditLeaves(in range: ClosedRange<Int64>) async throws -> [AuditLeaf] {
        try await scoped(.none) { connection in
            let rows = try await connection.query(
                """
                SELECT sequence, occurred_at, actor, role, action, subject_id, organisation_id, purpose, request_id,
                    outcome
                FROM audit_events WHERE sequence BETWEEN \(range.lowerBound) AND \(range.upperBound) ORDER BY sequence
                """, logger: logger)
            var hasher = LeafHasher()
            var leaves: [AuditLeaf] = []
            for try await row in rows {
                leaves.append(try PostgresRows.auditEvent(row.makeRandomAccess()).ledgerLeaf(using: &hasher))
            }
            return leaves
        }
    }
}

import GRDB
import GRDBSQLite
import Ledger
import SievertStorage

extension SQLiteRecordStore {
    /// The columns ``auditLeaves(in:)`` reads, in its order.
    static let auditLeafSelect = """
        SELECT sequence, occurred_at, actor, role, action, subject_id, organisation_id, purpose, request_id, outcome
        FROM audit_events WHERE sequence BETWEEN ? AND ? ORDER BY sequence
        """

    // `sievert audit verify` reads every event through here. Each row's leaf is hashed from the column bytes SQLite
    // hands out for the current row (valid until the next step), so no String, Date or UUID is made per event.
    public func auditLeaves(in range: ClosedRange<Int64>) async throws -> [AuditLeaf] {
        let (span, overflow) = range.upperBound.subtractingReportingOverflow(range.lowerBound)
        let capacity = overflow ? 10_000 : Int(clamping: min(span, 9_999) + 1)
        return try await read { db in
            let statement = try db.cachedStatement(sql: Self.auditLeafSelect)
            statement.arguments = [range.lowerBound, range.upperBound]
            let handle = statement.sqliteStatement
            var hasher = LeafHasher()
            var leaves: [AuditLeaf] = []
            leaves.reserveCapacity(capacity)
            let rows = try Row.fetchCursor(statement)
            while try rows.next() != nil {
                let sequence = sqlite3_column_int64(handle, 0)
                let fields = LedgerEntryFields(
                    index: UInt64(bitPattern: sequence &- 1), unixTimeMilliseconds: sqlite3_column_int64(handle, 1),
                    actor: Self.text(handle, 2), role: Self.text(handle, 3), action: Self.text(handle, 4),
                    subject: Self.optionalText(handle, 5), organisationID: Self.optionalText(handle, 6),
                    purpose: Self.text(handle, 7), requestID: Self.text(handle, 8), outcome: Self.text(handle, 9))
                leaves.append(AuditLeaf(sequence: sequence, leafHash: hasher.leafHash(of: fields)))
            }
            return leaves
        }
    }

    /// The UTF-8 bytes of a column of the current row, borrowed from SQLite; empty for NULL (which the schema
    /// refuses where this is used, so a NULL there is an edit the root comparison will catch).
    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite asks: the length is then the text's.
        guard let start = sqlite3_column_text(handle, column) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }

    private static func optionalText(_ handle: SQLiteStatement, _ column: Int32) -> UnsafeRawBufferPointer? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : text(handle, column)
    }
}

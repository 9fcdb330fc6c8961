import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func doseEntries(of person: PersonID, scope: StoreScope) async throws -> [DoseEntryRow] {
        guard let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM dose_entries WHERE person_id = ? AND \(filter.sql)
                    ORDER BY period_end, recorded_at, id
                    """,
                arguments: StatementArguments([person.description]) + filter.arguments
            ).map(SQLiteRows.doseEntry)
        }
    }
}

extension SQLiteRows {
    static func doseEntry(_ row: Row) throws -> DoseEntryRow {
        let supersedes: String? = row["supersedes"]
        return DoseEntryRow(
            id: try identifier(row["id"]), organisationID: try identifier(row["organisation_id"]),
            employmentID: try identifier(row["employment_id"]), personID: try identifier(row["person_id"]),
            periodBegin: try CalendarDate(iso: row["period_begin"]),
            periodEnd: try CalendarDate(iso: row["period_end"]),
            quantity: row["quantity"], kind: row["kind"], supersedes: try supersedes.map { try identifier($0) },
            sealedAmount: bytes(row, "amount") ?? [], recordedAt: date(row["recorded_at"]))
    }
}

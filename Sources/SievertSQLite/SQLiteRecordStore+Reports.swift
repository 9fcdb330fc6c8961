import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func doseEntries(of organisation: OrganisationID, endingSince since: CalendarDate?, scope: StoreScope)
        async throws -> [DoseEntryRow]
    {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            try SQLiteRows.doseEntries(
                db,
                sql: """
                    SELECT \(SQLiteRows.doseEntryColumns) FROM dose_entries WHERE organisation_id = ? AND period_end >= ?
                    ORDER BY period_end, recorded_at, id
                    """,
                // Dates are stored as ISO text, which sorts as the dates do; every date sorts after "".
                arguments: [organisation.description, since?.iso ?? ""])
        }
    }

    public func person(employment: EmploymentID, scope: StoreScope) async throws -> PersonRecord? {
        guard let filter = SQLiteScopeFilter(scope, column: "p.organisation_id") else { return nil }
        return try await read { db in
            try SQLiteReader(db: db).people(
                where: "p.id IN (SELECT person_id FROM employments WHERE id = ?) AND \(filter.sql)",
                arguments: StatementArguments([employment.description]) + filter.arguments
            ).first
        }
    }
}

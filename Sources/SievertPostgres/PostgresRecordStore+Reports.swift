import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func doseEntries(of organisation: OrganisationID, endingSince since: CalendarDate?, scope: StoreScope)
        async throws -> [DoseEntryRow]
    {
        guard scope.permits(organisation) else { return [] }
        // Only reports and breach scoping read a whole organisation's entries, over periods already past: a replica
        // a moment behind the primary gives them the same rows.
        return try await scoped(scope, on: .reports) { connection in
            let query: PostgresQuery =
                if let since {
                    """
                    SELECT \(unescaped: Self.doseColumns) FROM dose_entries
                    WHERE organisation_id = \(organisation.uuid) AND period_end >= \(since.iso)::date
                    ORDER BY period_end, recorded_at, id
                    """
                } else {
                    """
                    SELECT \(unescaped: Self.doseColumns) FROM dose_entries
                    WHERE organisation_id = \(organisation.uuid) ORDER BY period_end, recorded_at, id
                    """
                }
            return try await PostgresRows.all(connection.query(query, logger: logger), PostgresRows.doseEntry)
        }
    }

    public func person(employment: EmploymentID, scope: StoreScope) async throws -> PersonRecord? {
        try await scoped(scope) { connection in
            try await PostgresReader(connection: connection, logger: logger).people(
                where: "p.id IN (SELECT person_id FROM employments WHERE id = $1)",
                binds: { $0.append(employment.uuid) }
            ).first
        }
    }
}

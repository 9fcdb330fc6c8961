import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func doseEntries(of person: PersonID, scope: StoreScope) async throws -> [DoseEntryRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT id, organisation_id, employment_id, person_id, period_begin::text AS period_begin,
                        period_end::text AS period_end, quantity, kind, supersedes, amount, recorded_at
                    FROM dose_entries WHERE person_id = \(person.uuid) ORDER BY period_end, recorded_at, id
                    """, logger: logger),
                PostgresRows.doseEntry)
        }
    }
}

extension PostgresRows {
    static func doseEntry(_ row: PostgresRandomAccessRow) throws -> DoseEntryRow {
        DoseEntryRow(
            id: DoseEntryID(try row["id"].decode(UUID.self)),
            organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
            employmentID: EmploymentID(try row["employment_id"].decode(UUID.self)),
            personID: PersonID(try row["person_id"].decode(UUID.self)),
            periodBegin: try CalendarDate(iso: try row["period_begin"].decode(String.self)),
            periodEnd: try CalendarDate(iso: try row["period_end"].decode(String.self)),
            quantity: try row["quantity"].decode(String.self), kind: try row["kind"].decode(String.self),
            supersedes: try row["supersedes"].decode(UUID?.self).map(DoseEntryID.init),
            sealedAmount: try bytes(row, "amount") ?? [], recordedAt: try row["recorded_at"].decode(Date.self))
    }
}

import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func incidents() async throws -> [IncidentRow] {
        try await read { db in
            try db.cachedRows(sql: "SELECT * FROM incidents ORDER BY declared_at DESC, id DESC", as: Self.incident)
        }
    }

    public func incident(id: IncidentID) async throws -> IncidentRow? {
        try await read { db in
            try db.cachedRow(
                sql: "SELECT * FROM incidents WHERE id = ?", arguments: [id.description], as: Self.incident)
        }
    }

    public func incidentPeople(of incident: IncidentID, scope: StoreScope) async throws -> [IncidentPersonRow] {
        guard let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: """
                    SELECT * FROM incident_people WHERE incident_id = ? AND \(filter.sql)
                    ORDER BY organisation_id, person_id
                    """,
                arguments: [incident.description] + filter.arguments
            ) { row in
                IncidentPersonRow(
                    incidentID: try SQLiteRows.identifier(row["incident_id"]),
                    personID: try SQLiteRows.identifier(row["person_id"]),
                    organisationID: try SQLiteRows.identifier(row["organisation_id"]), exposed: row["exposed"],
                    foundBy: row["found_by"], disposition: row["disposition"], cluster: row["cluster"],
                    contactPersonID: try (row["contact_person_id"] as String?).map(SQLiteRows.identifier),
                    delivery: row["delivery"], deliveryAt: (row["delivery_at"] as Int64?).map(SQLiteRows.date),
                    updatedAt: SQLiteRows.date(row["updated_at"]))
            }
        }
    }

    private static func incident(_ row: Row) throws -> IncidentRow {
        IncidentRow(
            id: try SQLiteRows.identifier(row["id"]), status: row["status"], source: row["source"],
            occurredAt: SQLiteRows.date(row["occurred_at"]), awareAt: SQLiteRows.date(row["aware_at"]),
            declaredAt: SQLiteRows.date(row["declared_at"]), updatedAt: SQLiteRows.date(row["updated_at"]),
            sealedIncident: SQLiteRows.bytes(row, "incident") ?? [])
    }
}

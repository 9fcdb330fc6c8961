import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func incidents() async throws -> [IncidentRow] {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM incidents ORDER BY declared_at DESC, id DESC", logger: logger),
                Self.incident)
        }
    }

    public func incident(id: IncidentID) async throws -> IncidentRow? {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM incidents WHERE id = \(id.uuid)", logger: logger), Self.incident
            ).first
        }
    }

    public func incidentPeople(of incident: IncidentID, scope: StoreScope) async throws -> [IncidentPersonRow] {
        try await scoped(scope) { connection in
            // Row-level security limits the rows to the scope.
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT * FROM incident_people WHERE incident_id = \(incident.uuid)
                    ORDER BY organisation_id, person_id
                    """, logger: logger)
            ) { row in
                IncidentPersonRow(
                    incidentID: IncidentID(try row["incident_id"].decode(UUID.self)),
                    personID: PersonID(try row["person_id"].decode(UUID.self)),
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    exposed: try row["exposed"].decode(String.self), foundBy: try row["found_by"].decode(String.self),
                    disposition: try row["disposition"].decode(String?.self),
                    cluster: try row["cluster"].decode(String?.self),
                    contactPersonID: try row["contact_person_id"].decode(UUID?.self).map(PersonID.init),
                    delivery: try row["delivery"].decode(String.self),
                    deliveryAt: try row["delivery_at"].decode(Date?.self),
                    updatedAt: try row["updated_at"].decode(Date.self))
            }
        }
    }

    static func incident(_ row: PostgresRandomAccessRow) throws -> IncidentRow {
        IncidentRow(
            id: IncidentID(try row["id"].decode(UUID.self)), status: try row["status"].decode(String.self),
            source: try row["source"].decode(String.self), occurredAt: try row["occurred_at"].decode(Date.self),
            awareAt: try row["aware_at"].decode(Date.self), declaredAt: try row["declared_at"].decode(Date.self),
            updatedAt: try row["updated_at"].decode(Date.self),
            sealedIncident: try PostgresRows.bytes(row, "incident") ?? [])
    }
}

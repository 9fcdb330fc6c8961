import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Writes breach incidents and the person records they affect. A person row is written only for a person of the
/// same organisation and replaces the earlier row of that incident and person; row-level security re-checks the
/// organisation of every person row.
struct PostgresIncidentWriter {
    let connection: PostgresConnection
    let logger: Logger

    func apply(_ changes: ChangeSet) async throws {
        for row in changes.newIncidents {
            try await connection.query(
                """
                INSERT INTO incidents (id, status, source, occurred_at, aware_at, declared_at, updated_at, incident)
                VALUES (\(row.id.uuid), \(row.status), \(row.source), \(row.occurredAt), \(row.awareAt),
                    \(row.declaredAt), \(row.updatedAt), \(Data(row.sealedIncident)))
                """, logger: logger)
        }
        for row in changes.incidentUpdates {
            try await expectOne(
                """
                UPDATE incidents SET status = \(row.status), updated_at = \(row.updatedAt),
                    incident = \(Data(row.sealedIncident))
                WHERE id = \(row.id.uuid) RETURNING id
                """)
        }
        for row in changes.incidentPeople {
            try await expectOne(
                """
                INSERT INTO incident_people (incident_id, person_id, organisation_id, exposed, found_by, disposition,
                    cluster, contact_person_id, delivery, delivery_at, updated_at)
                SELECT \(row.incidentID.uuid), p.id, p.organisation_id, \(row.exposed), \(row.foundBy),
                    \(row.disposition), \(row.cluster), \(row.contactPersonID?.uuid), \(row.delivery), \(row.deliveryAt),
                    \(row.updatedAt)
                FROM people p WHERE p.id = \(row.personID.uuid) AND p.organisation_id = \(row.organisationID.uuid)
                ON CONFLICT (incident_id, person_id) DO UPDATE SET exposed = excluded.exposed,
                    found_by = excluded.found_by, disposition = excluded.disposition, cluster = excluded.cluster,
                    contact_person_id = excluded.contact_person_id, delivery = excluded.delivery,
                    delivery_at = excluded.delivery_at, updated_at = excluded.updated_at
                WHERE incident_people.organisation_id = excluded.organisation_id
                RETURNING person_id
                """)
        }
    }

    private func expectOne(_ query: PostgresQuery) async throws {
        var count = 0
        for try await _ in try await connection.query(query, logger: logger) { count += 1 }
        guard count == 1 else { throw StoreError.notFound }
    }
}

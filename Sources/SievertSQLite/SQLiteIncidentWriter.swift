import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Writes breach incidents and the person records they affect. A person row is written only for a person of the
/// same organisation (the guard PostgreSQL applies too), and replaces the earlier row of that incident and person.
struct SQLiteIncidentWriter {
    let db: Database

    func apply(_ changes: ChangeSet) throws {
        for row in changes.newIncidents {
            try db.execute(
                sql: """
                    INSERT INTO incidents (id, status, source, occurred_at, aware_at, declared_at, updated_at, incident)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row.id.description, row.status, row.source, SQLiteRows.millis(row.occurredAt),
                    SQLiteRows.millis(row.awareAt), SQLiteRows.millis(row.declaredAt), SQLiteRows.millis(row.updatedAt),
                    Data(row.sealedIncident),
                ])
        }
        for row in changes.incidentUpdates {
            try db.execute(
                sql: "UPDATE incidents SET status = ?, updated_at = ?, incident = ? WHERE id = ?",
                arguments: [row.status, SQLiteRows.millis(row.updatedAt), Data(row.sealedIncident), row.id.description])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO incident_people (incident_id, person_id, organisation_id, exposed, found_by, disposition,
                    cluster, contact_person_id, delivery, delivery_at, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE EXISTS (SELECT 1 FROM people WHERE id = ? AND organisation_id = ?)
                ON CONFLICT (incident_id, person_id) DO UPDATE SET exposed = excluded.exposed,
                    found_by = excluded.found_by, disposition = excluded.disposition, cluster = excluded.cluster,
                    contact_person_id = excluded.contact_person_id, delivery = excluded.delivery,
                    delivery_at = excluded.delivery_at, updated_at = excluded.updated_at
                WHERE incident_people.organisation_id = excluded.organisation_id
                """)
        for row in changes.incidentPeople {
            try statement.execute(arguments: [
                row.incidentID.description, row.personID.description, row.organisationID.description, row.exposed,
                row.foundBy, row.disposition, row.cluster, row.contactPersonID?.description, row.delivery,
                row.deliveryAt.map(SQLiteRows.millis), SQLiteRows.millis(row.updatedAt), row.personID.description,
                row.organisationID.description,
            ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
    }
}

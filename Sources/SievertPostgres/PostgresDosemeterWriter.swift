import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Writes the dosemeter inventory, monitoring assignments, issues and organisation settings. Rows naming an
/// employment, person or dosemeter are inserted only when that row belongs to the same organisation; row-level
/// security re-checks the organisation of every row.
struct PostgresDosemeterWriter {
    let connection: PostgresConnection
    let logger: Logger

    func apply(_ changes: ChangeSet) async throws {
        for row in changes.newDosemeters {
            try await connection.query(
                """
                INSERT INTO dosemeters (id, organisation_id, serial, kind, technology, state, created_at, updated_at)
                VALUES (\(row.id.uuid), \(row.organisationID.uuid), \(row.serial), \(row.kind), \(row.technology),
                    \(row.state), \(row.createdAt), \(row.updatedAt))
                """, logger: logger)
        }
        for row in changes.dosemeterUpdates {
            try await expectOne(
                """
                UPDATE dosemeters SET state = \(row.state), updated_at = \(row.updatedAt)
                WHERE id = \(row.id.uuid) AND organisation_id = \(row.organisationID.uuid) RETURNING id
                """)
        }
        for row in changes.newAssignments {
            try await expectOne(
                """
                INSERT INTO monitoring_assignments (id, organisation_id, employment_id, person_id, position, frequency,
                    starts, ends, created_at, updated_at)
                SELECT \(row.id.uuid), e.organisation_id, e.id, e.person_id, \(row.position), \(row.frequency),
                    \(row.starts.iso)::date, \(row.ends?.iso)::date, \(row.createdAt), \(row.updatedAt)
                FROM employments e
                WHERE e.id = \(row.employmentID.uuid) AND e.organisation_id = \(row.organisationID.uuid)
                    AND e.person_id = \(row.personID.uuid)
                RETURNING id
                """)
        }
        for row in changes.assignmentUpdates {
            try await expectOne(
                """
                UPDATE monitoring_assignments SET ends = \(row.ends?.iso)::date, updated_at = \(row.updatedAt)
                WHERE id = \(row.id.uuid) AND organisation_id = \(row.organisationID.uuid) RETURNING id
                """)
        }
        for row in changes.newIssues { try await insertIssue(row) }
        for row in changes.issueUpdates {
            try await expectOne(
                """
                UPDATE dosemeter_issues SET return_status = \(row.returnStatus),
                    returned_on = \(row.returnedOn?.iso)::date, updated_at = \(row.updatedAt)
                WHERE id = \(row.id.uuid) AND organisation_id = \(row.organisationID.uuid) RETURNING id
                """)
        }
        for row in changes.organisationSettings {
            try await connection.query(
                """
                INSERT INTO organisation_settings
                    (organisation_id, wear_anchor_month, minimum_reporting_level, return_due_days, updated_at)
                VALUES (\(row.organisationID.uuid), \(Int32(clamping: row.wearAnchorMonth)),
                    \(row.minimumReportingLevel), \(Int32(clamping: row.returnDueDays)), \(row.updatedAt))
                ON CONFLICT (organisation_id) DO UPDATE SET wear_anchor_month = excluded.wear_anchor_month,
                    minimum_reporting_level = excluded.minimum_reporting_level,
                    return_due_days = excluded.return_due_days, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    private func insertIssue(_ row: DosemeterIssueRow) async throws {
        try await expectOne(
            """
            INSERT INTO dosemeter_issues (id, organisation_id, dosemeter_id, serial, position, assignment_id,
                employment_id, person_id, participant_code, period_begin, period_end, batch, issued_at, return_status,
                returned_on, updated_at)
            SELECT \(row.id.uuid), d.organisation_id, d.id, d.serial, \(row.position), \(row.assignmentID?.uuid),
                \(row.employmentID?.uuid), \(row.personID?.uuid), \(row.participantCode), \(row.periodBegin.iso)::date,
                \(row.periodEnd.iso)::date, \(row.batch), \(row.issuedAt), \(row.returnStatus),
                \(row.returnedOn?.iso)::date, \(row.updatedAt)
            FROM dosemeters d
            WHERE d.id = \(row.dosemeterID.uuid) AND d.organisation_id = \(row.organisationID.uuid)
                AND d.serial = \(row.serial)
                AND (\(row.assignmentID?.uuid)::uuid IS NULL OR EXISTS (SELECT 1 FROM monitoring_assignments a
                    WHERE a.id = \(row.assignmentID?.uuid) AND a.organisation_id = d.organisation_id
                    AND a.employment_id = \(row.employmentID?.uuid) AND a.person_id = \(row.personID?.uuid)))
            RETURNING id
            """)
    }

    private func expectOne(_ query: PostgresQuery) async throws {
        var count = 0
        for try await _ in try await connection.query(query, logger: logger) { count += 1 }
        guard count == 1 else { throw StoreError.notFound }
    }
}

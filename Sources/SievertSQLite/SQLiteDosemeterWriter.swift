import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Writes the dosemeter inventory, monitoring assignments, issues and organisation settings. Each row naming an
/// employment, person or dosemeter is inserted only when that row belongs to the same organisation, the same
/// guard PostgreSQL applies, so a change set cannot tie one tenant's dosemeter to another's wearer.
struct SQLiteDosemeterWriter {
    let db: Database

    func apply(_ changes: ChangeSet) throws {
        for row in changes.newDosemeters {
            try db.execute(
                sql: """
                    INSERT INTO dosemeters (id, organisation_id, serial, kind, technology, state, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row.id.description, row.organisationID.description, row.serial, row.kind, row.technology,
                    row.state, SQLiteRows.millis(row.createdAt), SQLiteRows.millis(row.updatedAt),
                ])
        }
        for row in changes.dosemeterUpdates {
            try db.execute(
                sql: "UPDATE dosemeters SET state = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
                arguments: [
                    row.state, SQLiteRows.millis(row.updatedAt), row.id.description, row.organisationID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        for row in changes.newAssignments { try insertAssignment(row) }
        for row in changes.assignmentUpdates {
            try db.execute(
                sql: "UPDATE monitoring_assignments SET ends = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
                arguments: [
                    row.ends?.iso, SQLiteRows.millis(row.updatedAt), row.id.description, row.organisationID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        for row in changes.newIssues { try insertIssue(row) }
        for row in changes.issueUpdates {
            try db.execute(
                sql: """
                    UPDATE dosemeter_issues SET return_status = ?, returned_on = ?, updated_at = ?
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [
                    row.returnStatus, row.returnedOn?.iso, SQLiteRows.millis(row.updatedAt), row.id.description,
                    row.organisationID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        for row in changes.organisationSettings {
            try db.execute(
                sql: """
                    INSERT INTO organisation_settings
                        (organisation_id, wear_anchor_month, minimum_reporting_level, return_due_days, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id) DO UPDATE SET wear_anchor_month = excluded.wear_anchor_month,
                        minimum_reporting_level = excluded.minimum_reporting_level,
                        return_due_days = excluded.return_due_days, updated_at = excluded.updated_at
                    """,
                arguments: [
                    row.organisationID.description, row.wearAnchorMonth, row.minimumReportingLevel, row.returnDueDays,
                    SQLiteRows.millis(row.updatedAt),
                ])
        }
    }

    private func insertAssignment(_ row: AssignmentRow) throws {
        try db.execute(
            sql: """
                INSERT INTO monitoring_assignments (id, organisation_id, employment_id, person_id, position, frequency,
                    starts, ends, created_at, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE EXISTS (SELECT 1 FROM employments WHERE id = ? AND organisation_id = ? AND person_id = ?)
                """,
            arguments: [
                row.id.description, row.organisationID.description, row.employmentID.description,
                row.personID.description, row.position, row.frequency, row.starts.iso, row.ends?.iso,
                SQLiteRows.millis(row.createdAt), SQLiteRows.millis(row.updatedAt), row.employmentID.description,
                row.organisationID.description, row.personID.description,
            ])
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }

    private func insertIssue(_ row: DosemeterIssueRow) throws {
        try db.execute(
            sql: """
                INSERT INTO dosemeter_issues (id, organisation_id, dosemeter_id, serial, position, assignment_id,
                    employment_id, person_id, participant_code, period_begin, period_end, batch, issued_at,
                    return_status, returned_on, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                WHERE EXISTS (SELECT 1 FROM dosemeters WHERE id = ? AND organisation_id = ? AND serial = ?)
                    AND (? IS NULL OR EXISTS (SELECT 1 FROM monitoring_assignments
                        WHERE id = ? AND organisation_id = ? AND employment_id = ? AND person_id = ?))
                """,
            arguments: [
                row.id.description, row.organisationID.description, row.dosemeterID.description, row.serial,
                row.position, row.assignmentID?.description, row.employmentID?.description,
                row.personID?.description, row.participantCode, row.periodBegin.iso, row.periodEnd.iso, row.batch,
                SQLiteRows.millis(row.issuedAt), row.returnStatus, row.returnedOn?.iso,
                SQLiteRows.millis(row.updatedAt), row.dosemeterID.description, row.organisationID.description,
                row.serial, row.assignmentID?.description, row.assignmentID?.description,
                row.organisationID.description, row.employmentID?.description, row.personID?.description,
            ])
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }
}

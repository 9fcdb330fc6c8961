import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func dosemeters(of organisation: OrganisationID, scope: StoreScope) async throws -> [DosemeterRow] {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM dosemeters WHERE organisation_id = ? ORDER BY serial",
                arguments: [organisation.description]
            ) { row in
                DosemeterRow(
                    id: try SQLiteRows.identifier(row["id"]),
                    organisationID: try SQLiteRows.identifier(row["organisation_id"]), serial: row["serial"],
                    kind: row["kind"], technology: row["technology"], state: row["state"],
                    createdAt: SQLiteRows.date(row["created_at"]), updatedAt: SQLiteRows.date(row["updated_at"]))
            }
        }
    }

    public func assignments(of organisation: OrganisationID, scope: StoreScope) async throws -> [AssignmentRow] {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM monitoring_assignments WHERE organisation_id = ? ORDER BY created_at, id",
                arguments: [organisation.description]
            ) { row in
                AssignmentRow(
                    id: try SQLiteRows.identifier(row["id"]),
                    organisationID: try SQLiteRows.identifier(row["organisation_id"]),
                    employmentID: try SQLiteRows.identifier(row["employment_id"]),
                    personID: try SQLiteRows.identifier(row["person_id"]), position: row["position"],
                    frequency: row["frequency"], starts: try CalendarDate(iso: row["starts"]),
                    ends: try (row["ends"] as String?).map { try CalendarDate(iso: $0) },
                    createdAt: SQLiteRows.date(row["created_at"]), updatedAt: SQLiteRows.date(row["updated_at"]))
            }
        }
    }

    public func dosemeterIssues(of organisation: OrganisationID, periodBegin: CalendarDate?, scope: StoreScope)
        async throws -> [DosemeterIssueRow]
    {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: """
                    SELECT * FROM dosemeter_issues WHERE organisation_id = ? AND (? IS NULL OR period_begin = ?)
                    ORDER BY period_begin, serial
                    """,
                arguments: [organisation.description, periodBegin?.iso, periodBegin?.iso]
            ) { row in
                DosemeterIssueRow(
                    id: try SQLiteRows.identifier(row["id"]),
                    organisationID: try SQLiteRows.identifier(row["organisation_id"]),
                    dosemeterID: try SQLiteRows.identifier(row["dosemeter_id"]), serial: row["serial"],
                    position: row["position"],
                    assignmentID: try (row["assignment_id"] as String?).map { try SQLiteRows.identifier($0) },
                    employmentID: try (row["employment_id"] as String?).map { try SQLiteRows.identifier($0) },
                    personID: try (row["person_id"] as String?).map { try SQLiteRows.identifier($0) },
                    participantCode: row["participant_code"], periodBegin: try CalendarDate(iso: row["period_begin"]),
                    periodEnd: try CalendarDate(iso: row["period_end"]), batch: row["batch"],
                    issuedAt: SQLiteRows.date(row["issued_at"]), returnStatus: row["return_status"],
                    returnedOn: try (row["returned_on"] as String?).map { try CalendarDate(iso: $0) },
                    updatedAt: SQLiteRows.date(row["updated_at"]))
            }
        }
    }

    public func organisationSettings(of organisation: OrganisationID, scope: StoreScope) async throws
        -> OrganisationSettingsRow?
    {
        guard scope.permits(organisation) else { return nil }
        return try await read { db in
            try db.cachedRow(
                sql: "SELECT * FROM organisation_settings WHERE organisation_id = ?",
                arguments: [organisation.description]
            ) { row in
                OrganisationSettingsRow(
                    organisationID: try SQLiteRows.identifier(row["organisation_id"]),
                    wearAnchorMonth: row["wear_anchor_month"], minimumReportingLevel: row["minimum_reporting_level"],
                    returnDueDays: row["return_due_days"], updatedAt: SQLiteRows.date(row["updated_at"]))
            }
        }
    }
}

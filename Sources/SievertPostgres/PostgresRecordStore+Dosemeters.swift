import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func dosemeters(of organisation: OrganisationID, scope: StoreScope) async throws -> [DosemeterRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT id, organisation_id, serial, kind, technology, state, created_at, updated_at
                    FROM dosemeters WHERE organisation_id = \(organisation.uuid) ORDER BY serial
                    """, logger: logger)
            ) { row in
                DosemeterRow(
                    id: DosemeterID(try row["id"].decode(UUID.self)),
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    serial: try row["serial"].decode(String.self), kind: try row["kind"].decode(String.self),
                    technology: try row["technology"].decode(String.self), state: try row["state"].decode(String.self),
                    createdAt: try row["created_at"].decode(Date.self),
                    updatedAt: try row["updated_at"].decode(Date.self))
            }
        }
    }

    public func assignments(of organisation: OrganisationID, scope: StoreScope) async throws -> [AssignmentRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT id, organisation_id, employment_id, person_id, position, frequency, starts::text AS starts,
                        ends::text AS ends, created_at, updated_at
                    FROM monitoring_assignments WHERE organisation_id = \(organisation.uuid) ORDER BY created_at, id
                    """, logger: logger)
            ) { row in
                AssignmentRow(
                    id: AssignmentID(try row["id"].decode(UUID.self)),
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    employmentID: EmploymentID(try row["employment_id"].decode(UUID.self)),
                    personID: PersonID(try row["person_id"].decode(UUID.self)),
                    position: try row["position"].decode(String.self),
                    frequency: try row["frequency"].decode(String.self),
                    starts: try CalendarDate(iso: try row["starts"].decode(String.self)),
                    ends: try row["ends"].decode(String?.self).map { try CalendarDate(iso: $0) },
                    createdAt: try row["created_at"].decode(Date.self),
                    updatedAt: try row["updated_at"].decode(Date.self))
            }
        }
    }

    public func dosemeterIssues(of organisation: OrganisationID, periodBegin: CalendarDate?, scope: StoreScope)
        async throws -> [DosemeterIssueRow]
    {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT id, organisation_id, dosemeter_id, serial, position, assignment_id, employment_id, person_id,
                        participant_code, period_begin::text AS period_begin, period_end::text AS period_end, batch,
                        issued_at, return_status, returned_on::text AS returned_on, updated_at
                    FROM dosemeter_issues
                    WHERE organisation_id = \(organisation.uuid)
                        AND (\(periodBegin?.iso)::date IS NULL OR period_begin = \(periodBegin?.iso)::date)
                    ORDER BY period_begin, serial
                    """, logger: logger)
            ) { row in
                DosemeterIssueRow(
                    id: DosemeterIssueID(try row["id"].decode(UUID.self)),
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    dosemeterID: DosemeterID(try row["dosemeter_id"].decode(UUID.self)),
                    serial: try row["serial"].decode(String.self), position: try row["position"].decode(String.self),
                    assignmentID: try row["assignment_id"].decode(UUID?.self).map(AssignmentID.init),
                    employmentID: try row["employment_id"].decode(UUID?.self).map(EmploymentID.init),
                    personID: try row["person_id"].decode(UUID?.self).map(PersonID.init),
                    participantCode: try row["participant_code"].decode(String?.self),
                    periodBegin: try CalendarDate(iso: try row["period_begin"].decode(String.self)),
                    periodEnd: try CalendarDate(iso: try row["period_end"].decode(String.self)),
                    batch: try row["batch"].decode(String.self), issuedAt: try row["issued_at"].decode(Date.self),
                    returnStatus: try row["return_status"].decode(String?.self),
                    returnedOn: try row["returned_on"].decode(String?.self).map { try CalendarDate(iso: $0) },
                    updatedAt: try row["updated_at"].decode(Date.self))
            }
        }
    }

    public func organisationSettings(of organisation: OrganisationID, scope: StoreScope) async throws
        -> OrganisationSettingsRow?
    {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT organisation_id, wear_anchor_month, minimum_reporting_level, return_due_days, updated_at
                    FROM organisation_settings WHERE organisation_id = \(organisation.uuid)
                    """, logger: logger)
            ) { row in
                OrganisationSettingsRow(
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    wearAnchorMonth: Int(try row["wear_anchor_month"].decode(Int32.self)),
                    minimumReportingLevel: try row["minimum_reporting_level"].decode(Int64?.self),
                    returnDueDays: Int(try row["return_due_days"].decode(Int32.self)),
                    updatedAt: try row["updated_at"].decode(Date.self))
            }.first
        }
    }
}

import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    // This store's chunked apply gives no mark (its rows carry no order of writing), so there is none to leave out.
    public func doseEntries(
        ofPeople people: [PersonID], endingIn: ClosedRange<CalendarDate>?, excluding: WriteMark?, scope: StoreScope
    ) async throws -> [DoseEntryRow] {
        guard !people.isEmpty else { return [] }
        // No window: bounds that hold every date.
        let (first, last) = (endingIn?.lowerBound ?? .first, endingIn?.upperBound ?? .last)
        let query: PostgresQuery = """
            SELECT \(unescaped: Self.doseColumns)
            FROM dose_entries WHERE person_id = ANY(\(people.map(\.uuid)))
            AND (period_end BETWEEN \(first.iso)::date AND \(last.iso)::date OR supersedes IS NOT NULL)
            ORDER BY period_end, recorded_at, id
            """
        return try await scoped(scope) { connection in
            try await PostgresRows.all(connection.query(query, logger: logger), PostgresRows.doseEntry)
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
            sealedAmount: try bytes(row, "amount") ?? [], recordedAt: try row["recorded_at"].decode(Date.self),
            readingID: try row["reading_id"].decode(UUID?.self).map(Identifier<LabReadingTag>.init))
    }
}

extension PostgresRecordStore {
    static let doseColumns = """
        id, organisation_id, employment_id, person_id, period_begin::text AS period_begin,
        period_end::text AS period_end, quantity, kind, supersedes, amount, recorded_at, reading_id
        """

    public func participants(of organisation: OrganisationID, scope: StoreScope) async throws -> [ParticipantRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM participants WHERE organisation_id = \(organisation.uuid) ORDER BY code",
                    logger: logger)
            ) { row in
                ParticipantRow(
                    code: try row["code"].decode(String.self),
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    employmentID: EmploymentID(try row["employment_id"].decode(UUID.self)),
                    personID: PersonID(try row["person_id"].decode(UUID.self)),
                    createdAt: try row["created_at"].decode(Date.self))
            }
        }
    }

    public func labReadings(of organisation: OrganisationID, scope: StoreScope) async throws -> [LabReadingRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT \(unescaped: Self.labReadingColumns)
                    FROM lab_readings WHERE organisation_id = \(organisation.uuid) ORDER BY imported_at, id
                    """, logger: logger),
                PostgresRows.labReading)
        }
    }

    public func labReadings(of organisation: OrganisationID, serials: Set<String>, scope: StoreScope) async throws
        -> [LabReadingRow]
    {
        guard !serials.isEmpty else { return [] }
        return try await scoped(scope) { connection in
            // lab_readings_by_organisation (organisation_id, serial, version) answers this in every partition.
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT \(unescaped: Self.labReadingColumns) FROM lab_readings
                    WHERE organisation_id = \(organisation.uuid) AND serial = ANY(\(serials.sorted()))
                    ORDER BY imported_at, id
                    """, logger: logger),
                PostgresRows.labReading)
        }
    }

    static let labReadingColumns = """
        id, organisation_id, serial, version, participant_code, dosemeter_type, position,
            period_begin::text AS period_begin, period_end::text AS period_end, status, cells, imported_at
        """
}

extension PostgresRows {
    static func labReading(_ row: PostgresRandomAccessRow) throws -> LabReadingRow {
        LabReadingRow(
            id: Identifier<LabReadingTag>(try row["id"].decode(UUID.self)),
            organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
            serial: try row["serial"].decode(String.self), version: Int(try row["version"].decode(Int32.self)),
            participantCode: try row["participant_code"].decode(String?.self),
            dosemeterType: try row["dosemeter_type"].decode(String?.self),
            position: try row["position"].decode(String.self),
            periodBegin: try CalendarDate(iso: try row["period_begin"].decode(String.self)),
            periodEnd: try CalendarDate(iso: try row["period_end"].decode(String.self)),
            status: try row["status"].decode(String.self),
            sealedCells: try PostgresRows.bytes(row, "cells") ?? [],
            importedAt: try row["imported_at"].decode(Date.self))
    }
}

extension PostgresRecordStore {
    public func doseEntries(fromReadings readings: [Identifier<LabReadingTag>], scope: StoreScope) async throws
        -> [DoseEntryRow]
    {
        guard !readings.isEmpty else { return [] }
        return try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT \(unescaped: Self.doseColumns) FROM dose_entries
                    WHERE reading_id = ANY(\(readings.map(\.uuid))) ORDER BY id
                    """, logger: logger),
                PostgresRows.doseEntry)
        }
    }
}

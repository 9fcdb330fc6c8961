import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func doseEntries(ofPeople people: [PersonID], scope: StoreScope) async throws -> [DoseEntryRow] {
        guard !people.isEmpty, let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await pool.read { db in
            var rows: [DoseEntryRow] = []
            for chunk in people.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                rows += try db.cachedRows(
                    sql: """
                        SELECT \(SQLiteRows.doseEntryColumns) FROM dose_entries WHERE person_id IN (\(marks)) AND \(filter.sql)
                        ORDER BY period_end, recorded_at, id
                        """,
                    arguments: StatementArguments(chunk.map(\.description)) + filter.arguments
                ).map(SQLiteRows.doseEntry)
            }
            // Chunks are each in order; more than one chunk is merged back into one order.
            if people.count > 500 {
                rows.sort { ($0.periodEnd, $0.recordedAt, $0.id) < ($1.periodEnd, $1.recordedAt, $1.id) }
            }
            return rows
        }
    }
}

extension SQLiteRows {
    static func labReading(_ row: Row) throws -> LabReadingRow {
        LabReadingRow(
            id: try identifier(row["id"]), organisationID: try identifier(row["organisation_id"]),
            serial: row["serial"], version: row["version"], participantCode: row["participant_code"],
            dosemeterType: row["dosemeter_type"], position: row["position"],
            periodBegin: try CalendarDate(iso: row["period_begin"]),
            periodEnd: try CalendarDate(iso: row["period_end"]),
            status: row["status"], sealedCells: bytes(row, "cells") ?? [], importedAt: date(row["imported_at"]))
    }

    /// The columns ``doseEntry(_:)`` reads, in the order it reads them: a history or a report decodes every entry
    /// of a record or an organisation, and reading by position skips a column-name lookup per cell.
    static let doseEntryColumns =
        "id, organisation_id, employment_id, person_id, period_begin, period_end, quantity, kind, supersedes, amount, "
        + "recorded_at, reading_id"

    /// A dose entry from a row selecting ``doseEntryColumns``.
    static func doseEntry(_ row: Row) throws -> DoseEntryRow {
        let supersedes: String? = row[8]
        let readingID: String? = row[11]
        let amount: Data? = row[9]
        return DoseEntryRow(
            id: try identifier(row[0]), organisationID: try identifier(row[1]),
            employmentID: try identifier(row[2]), personID: try identifier(row[3]),
            periodBegin: try CalendarDate(iso: row[4]), periodEnd: try CalendarDate(iso: row[5]),
            quantity: row[6], kind: row[7], supersedes: try supersedes.map { try identifier($0) },
            sealedAmount: amount.map { [UInt8]($0) } ?? [], recordedAt: date(row[10]),
            readingID: try readingID.map { try identifier($0) })
    }
}

extension SQLiteRecordStore {
    public func participants(of organisation: OrganisationID, scope: StoreScope) async throws -> [ParticipantRow] {
        guard scope.permits(organisation) else { return [] }
        return try await pool.read { db in
            try db.cachedRows(
                sql: "SELECT * FROM participants WHERE organisation_id = ? ORDER BY code",
                arguments: [organisation.description]
            ).map { row in
                ParticipantRow(
                    code: row["code"], organisationID: try SQLiteRows.identifier(row["organisation_id"]),
                    employmentID: try SQLiteRows.identifier(row["employment_id"]),
                    personID: try SQLiteRows.identifier(row["person_id"]),
                    createdAt: SQLiteRows.date(row["created_at"]))
            }
        }
    }

    public func labReadings(of organisation: OrganisationID, scope: StoreScope) async throws -> [LabReadingRow] {
        guard scope.permits(organisation) else { return [] }
        return try await pool.read { db in
            try db.cachedRows(
                sql: "SELECT * FROM lab_readings WHERE organisation_id = ? ORDER BY imported_at, id",
                arguments: [organisation.description]
            ).map(SQLiteRows.labReading)
        }
    }

    public func labReadings(of organisation: OrganisationID, serials: Set<String>, scope: StoreScope) async throws
        -> [LabReadingRow]
    {
        guard scope.permits(organisation), !serials.isEmpty else { return [] }
        return try await pool.read { db in
            var rows: [LabReadingRow] = []
            // The (organisation_id, serial, version) unique index answers each chunk.
            for chunk in serials.sorted().chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                rows += try db.cachedRows(
                    sql: "SELECT * FROM lab_readings WHERE organisation_id = ? AND serial IN (\(marks))",
                    arguments: StatementArguments([organisation.description] + chunk)
                ).map(SQLiteRows.labReading)
            }
            return rows.sorted { ($0.importedAt, $0.id.description) < ($1.importedAt, $1.id.description) }
        }
    }

    public func doseEntries(fromReadings readings: [Identifier<LabReadingTag>], scope: StoreScope) async throws
        -> [DoseEntryRow]
    {
        guard !readings.isEmpty, let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await pool.read { db in
            var rows: [DoseEntryRow] = []
            for chunk in readings.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                rows += try db.cachedRows(
                    sql:
                        "SELECT \(SQLiteRows.doseEntryColumns) FROM dose_entries WHERE reading_id IN (\(marks)) AND \(filter.sql) ORDER BY id",
                    arguments: StatementArguments(chunk.map(\.description)) + filter.arguments
                ).map(SQLiteRows.doseEntry)
            }
            return rows
        }
    }
}

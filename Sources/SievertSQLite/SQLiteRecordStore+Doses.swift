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
                        SELECT * FROM dose_entries WHERE person_id IN (\(marks)) AND \(filter.sql)
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

    static func doseEntry(_ row: Row) throws -> DoseEntryRow {
        let supersedes: String? = row["supersedes"]
        return DoseEntryRow(
            id: try identifier(row["id"]), organisationID: try identifier(row["organisation_id"]),
            employmentID: try identifier(row["employment_id"]), personID: try identifier(row["person_id"]),
            periodBegin: try CalendarDate(iso: row["period_begin"]),
            periodEnd: try CalendarDate(iso: row["period_end"]),
            quantity: row["quantity"], kind: row["kind"], supersedes: try supersedes.map { try identifier($0) },
            sealedAmount: bytes(row, "amount") ?? [], recordedAt: date(row["recorded_at"]),
            readingID: try (row["reading_id"] as String?).map { try identifier($0) })
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
                    sql: "SELECT * FROM dose_entries WHERE reading_id IN (\(marks)) AND \(filter.sql) ORDER BY id",
                    arguments: StatementArguments(chunk.map(\.description)) + filter.arguments
                ).map(SQLiteRows.doseEntry)
            }
            return rows
        }
    }
}

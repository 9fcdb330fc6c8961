import DoseCore
import Foundation
import GRDB
import GRDBSQLite
import SievertStorage

extension SQLiteRecordStore {
    public func doseEntries(
        ofPeople people: [PersonID], endingIn: ClosedRange<CalendarDate>?, excluding: WriteMark?, scope: StoreScope
    ) async throws -> [DoseEntryRow] {
        guard !people.isEmpty, let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        // Dates are stored as ISO text, which sorts as the dates do.
        var conditions =
            endingIn.map { _ in " AND (period_end BETWEEN ? AND ? OR supersedes IS NOT NULL)" } ?? ""
        var values: StatementArguments = endingIn.map { [$0.lowerBound.iso, $0.upperBound.iso] } ?? []
        // The row number is in every index entry: rows left out are skipped before their table row is read.
        if let excluding {
            conditions += " AND rowid NOT BETWEEN ? AND ?"
            values += [excluding.rows.lowerBound, excluding.rows.upperBound]
        }
        let (window, bounds) = (conditions, values)
        let query = { @Sendable (db: Database) in
            var rows = try people.map(\.description).inChunks { marks, arguments in
                try SQLiteRows.doseEntries(
                    db,
                    sql: """
                        SELECT \(SQLiteRows.doseEntryColumns) FROM dose_entries
                        WHERE person_id IN (\(marks)) AND \(filter.sql)\(window)
                        ORDER BY period_end, recorded_at, id
                        """,
                    arguments: arguments + filter.arguments + bounds)
            }
            // Chunks are each in order; more than one chunk is merged back into one order.
            if people.count > 500 {
                rows.sort { ($0.periodEnd, $0.recordedAt, $0.id) < ($1.periodEnd, $1.recordedAt, $1.id) }
            }
            return rows
        }
        return people.count <= Self.readHereLimit ? try readHere(query) : try await read(query)
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

    /// The columns ``doseEntries(_:sql:arguments:)`` reads, in the order it reads them: a history or a report decodes every entry
    /// of a record or an organisation, and reading by position skips a column-name lookup per cell.
    static let doseEntryColumns =
        "id, organisation_id, employment_id, person_id, period_begin, period_end, quantity, kind, supersedes, amount, "
        + "recorded_at, reading_id"

    /// The dose entries `sql` (selecting ``doseEntryColumns``) finds, in its order, through the connection's
    /// statement cache.
    ///
    /// A history, a limit check or a report decodes every entry of a record or an organisation, so each row is read
    /// from SQLite's column buffers: ids and dates are parsed from the bytes, and no `Row` or String is made for
    /// them (that was most of the cost of a history's read).
    static func doseEntries(_ db: Database, sql: String, arguments: StatementArguments) throws -> [DoseEntryRow] {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        // The cursor steps the statement, and resets it when it goes: it is kept until every row is read where the
        // statement stands.
        return try withExtendedLifetime(cursor) {
            var rows: [DoseEntryRow] = []
            while try cursor.next() != nil {
                rows.append(try doseEntry(at: handle))
            }
            return rows
        }
    }

    private static func doseEntry(at handle: SQLiteStatement) throws -> DoseEntryRow {
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard let start = sqlite3_column_text(handle, column) else { return nil }
            return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
        }
        func identifier<Tag>(_ column: Int32) throws -> Identifier<Tag> {
            guard let text = text(column), let id = Identifier<Tag>(utf8: text) else {
                throw StoreError.corrupt("bad id")
            }
            return id
        }
        func optionalIdentifier<Tag>(_ column: Int32) throws -> Identifier<Tag>? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : try identifier(column)
        }
        func date(_ column: Int32) throws -> CalendarDate {
            try CalendarDate(isoUTF8: text(column) ?? UnsafeBufferPointer(start: nil, count: 0))
        }
        func string(_ column: Int32) -> String {
            text(column).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        var amount: [UInt8] = []
        if let blob = sqlite3_column_blob(handle, 9) {
            amount = [UInt8](UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(handle, 9))))
        }
        return DoseEntryRow(
            id: try identifier(0), organisationID: try identifier(1), employmentID: try identifier(2),
            personID: try identifier(3), periodBegin: try date(4), periodEnd: try date(5), quantity: string(6),
            kind: string(7), supersedes: try optionalIdentifier(8), sealedAmount: amount,
            recordedAt: SQLiteRows.date(sqlite3_column_int64(handle, 10)), readingID: try optionalIdentifier(11))
    }
}

extension SQLiteRecordStore {
    public func participants(of organisation: OrganisationID, scope: StoreScope) async throws -> [ParticipantRow] {
        guard scope.permits(organisation) else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM participants WHERE organisation_id = ? ORDER BY code",
                arguments: [organisation.description]
            ) { row in
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
        return try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM lab_readings WHERE organisation_id = ? ORDER BY imported_at, id",
                arguments: [organisation.description], as: SQLiteRows.labReading)
        }
    }

    public func labReadings(of organisation: OrganisationID, serials: Set<String>, scope: StoreScope) async throws
        -> [LabReadingRow]
    {
        guard scope.permits(organisation), !serials.isEmpty else { return [] }
        return try await read { db in
            // The (organisation_id, serial, version) unique index answers each chunk.
            let rows = try serials.sorted().inChunks { marks, arguments in
                try db.cachedRows(
                    sql: "SELECT * FROM lab_readings WHERE organisation_id = ? AND serial IN (\(marks))",
                    arguments: [organisation.description] + arguments, as: SQLiteRows.labReading)
            }
            return rows.sorted { ($0.importedAt, $0.id.description) < ($1.importedAt, $1.id.description) }
        }
    }

    public func doseEntries(fromReadings readings: [Identifier<LabReadingTag>], scope: StoreScope) async throws
        -> [DoseEntryRow]
    {
        guard !readings.isEmpty, let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await read { db in
            try readings.map(\.description).inChunks { marks, arguments in
                try SQLiteRows.doseEntries(
                    db,
                    sql:
                        "SELECT \(SQLiteRows.doseEntryColumns) FROM dose_entries WHERE reading_id IN (\(marks)) AND \(filter.sql) ORDER BY id",
                    arguments: arguments + filter.arguments)
            }
        }
    }
}

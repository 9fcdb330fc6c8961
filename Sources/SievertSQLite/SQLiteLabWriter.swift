import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Writes participant codes and lab readings.
struct SQLiteLabWriter {
    let db: Database

    func apply(_ changes: ChangeSet) throws {
        for row in changes.newParticipants {
            try db.execute(
                sql: """
                    INSERT INTO participants (code, organisation_id, employment_id, person_id, created_at)
                    SELECT ?, ?, ?, ?, ?
                    WHERE EXISTS (SELECT 1 FROM employments WHERE id = ? AND organisation_id = ? AND person_id = ?)
                    """,
                arguments: [
                    row.code, row.organisationID.description, row.employmentID.description, row.personID.description,
                    SQLiteRows.millis(row.createdAt), row.employmentID.description, row.organisationID.description,
                    row.personID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        guard !changes.newLabReadings.isEmpty else { return }
        let insert = try SQLiteBulkInsert(
            db,
            sql: """
                INSERT INTO lab_readings (id, organisation_id, serial, version, participant_code, dosemeter_type,
                    position, period_begin, period_end, status, cells, imported_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in changes.newLabReadings {
            try insert.insert([
                .identifier(row.id.uuid), .identifier(row.organisationID.uuid), .text(row.serial),
                .integer(Int64(row.version)), .optional(row.participantCode, SQLiteBulkInsert.Value.text),
                .optional(row.dosemeterType, SQLiteBulkInsert.Value.text), .text(row.position),
                .date(row.periodBegin), .date(row.periodEnd), .text(row.status), .blob(row.sealedCells),
                .integer(SQLiteRows.millis(row.importedAt)),
            ])
        }
    }
}

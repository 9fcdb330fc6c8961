import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Writes dose alerts, investigation levels and the mail outbox. An alert is inserted only for a person of the
/// same organisation (the guard PostgreSQL applies too); an update changes only the state, the sealed alert and
/// the time, and only of an alert of that organisation.
struct SQLiteAlertWriter {
    let db: Database

    func apply(_ changes: ChangeSet) throws {
        for row in changes.newAlerts {
            try db.execute(
                sql: """
                    INSERT INTO dose_alerts (id, organisation_id, person_id, fingerprint, state, alert, raised_at,
                        updated_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?, ?
                    WHERE EXISTS (SELECT 1 FROM people WHERE id = ? AND organisation_id = ?)
                    """,
                arguments: [
                    row.id.description, row.organisationID.description, row.personID.description, row.fingerprint,
                    row.state, Data(row.sealedAlert), SQLiteRows.millis(row.raisedAt), SQLiteRows.millis(row.updatedAt),
                    row.personID.description, row.organisationID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        for row in changes.alertUpdates {
            try db.execute(
                sql: "UPDATE dose_alerts SET state = ?, alert = ?, updated_at = ? WHERE id = ? AND organisation_id = ?",
                arguments: [
                    row.state, Data(row.sealedAlert), SQLiteRows.millis(row.updatedAt), row.id.description,
                    row.organisationID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
        for row in changes.investigationLevels {
            try db.execute(
                sql: """
                    INSERT INTO investigation_levels (organisation_id, levels, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (organisation_id) DO UPDATE SET levels = excluded.levels,
                        updated_at = excluded.updated_at
                    """,
                arguments: [row.organisationID.description, row.levels, SQLiteRows.millis(row.updatedAt)])
        }
        for row in changes.newMail {
            try db.execute(
                sql: """
                    INSERT INTO mail_outbox (id, organisation_id, message, created_at, sent_at, attempts, last_error)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row.id.uuidString.lowercased(), row.organisationID.description, Data(row.sealedMessage),
                    SQLiteRows.millis(row.createdAt), row.sentAt.map(SQLiteRows.millis), row.attempts, row.lastError,
                ])
        }
        for row in changes.mailUpdates {
            try db.execute(
                sql: """
                    UPDATE mail_outbox SET sent_at = ?, attempts = ?, last_error = ?
                    WHERE id = ? AND organisation_id = ?
                    """,
                arguments: [
                    row.sentAt.map(SQLiteRows.millis), row.attempts, row.lastError, row.id.uuidString.lowercased(),
                    row.organisationID.description,
                ])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
    }
}

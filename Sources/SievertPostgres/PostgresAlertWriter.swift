import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Writes dose alerts, investigation levels and the mail outbox. An alert is inserted only for a person of the
/// same organisation; row-level security re-checks the organisation of every row.
struct PostgresAlertWriter {
    let connection: PostgresConnection
    let logger: Logger

    func apply(_ changes: ChangeSet) async throws {
        for row in changes.newAlerts {
            try await expectOne(
                """
                INSERT INTO dose_alerts (id, organisation_id, person_id, fingerprint, state, alert, raised_at,
                    updated_at)
                SELECT \(row.id.uuid), p.organisation_id, p.id, \(row.fingerprint), \(row.state),
                    \(Data(row.sealedAlert)), \(row.raisedAt), \(row.updatedAt)
                FROM people p WHERE p.id = \(row.personID.uuid) AND p.organisation_id = \(row.organisationID.uuid)
                RETURNING id
                """)
        }
        for row in changes.alertUpdates {
            try await expectOne(
                """
                UPDATE dose_alerts SET state = \(row.state), alert = \(Data(row.sealedAlert)),
                    updated_at = \(row.updatedAt)
                WHERE id = \(row.id.uuid) AND organisation_id = \(row.organisationID.uuid) RETURNING id
                """)
        }
        for row in changes.investigationLevels {
            try await connection.query(
                """
                INSERT INTO investigation_levels (organisation_id, levels, updated_at)
                VALUES (\(row.organisationID.uuid), \(row.levels), \(row.updatedAt))
                ON CONFLICT (organisation_id) DO UPDATE SET levels = excluded.levels, updated_at = excluded.updated_at
                """, logger: logger)
        }
        for row in changes.newMail {
            try await connection.query(
                """
                INSERT INTO mail_outbox (id, organisation_id, message, created_at, sent_at, attempts, last_error)
                VALUES (\(row.id), \(row.organisationID.uuid), \(Data(row.sealedMessage)), \(row.createdAt),
                    \(row.sentAt), \(Int32(clamping: row.attempts)), \(row.lastError))
                """, logger: logger)
        }
        for row in changes.mailUpdates {
            try await expectOne(
                """
                UPDATE mail_outbox SET sent_at = \(row.sentAt), attempts = \(Int32(clamping: row.attempts)),
                    last_error = \(row.lastError)
                WHERE id = \(row.id) AND organisation_id = \(row.organisationID.uuid) RETURNING id
                """)
        }
    }

    private func expectOne(_ query: PostgresQuery) async throws {
        var count = 0
        for try await _ in try await connection.query(query, logger: logger) { count += 1 }
        guard count == 1 else { throw StoreError.notFound }
    }
}

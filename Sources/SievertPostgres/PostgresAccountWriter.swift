import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Writes the service-level rows of a change set: accounts, sessions, sign-in failures, token revocations.
struct PostgresAccountWriter {
    let connection: PostgresConnection
    let logger: Logger

    func apply(_ changes: ChangeSet) async throws {
        for row in changes.newAccounts { try await insert(row) }
        for row in changes.accountUpdates { try await update(row) }
        for end in changes.endedSessions {
            switch end {
            case .session(let hash):
                try await connection.query("DELETE FROM sessions WHERE hash = \(Data(hash))", logger: logger)
            case .account(let id):
                try await connection.query("DELETE FROM sessions WHERE account_id = \(id.uuid)", logger: logger)
            }
        }
        for row in changes.newSessions {
            try await connection.query(
                """
                INSERT INTO sessions (hash, account_id, created_at, last_seen_at, expires_at)
                VALUES (\(Data(row.hash)), \(row.accountID.uuid), \(row.createdAt), \(row.lastSeenAt), \(row.expiresAt))
                """, logger: logger)
        }
        if let latest = changes.loginFailures.map(\.at).max() {
            // Only the last hour counts; older failures are dropped as new ones arrive.
            let cutoff = latest.addingTimeInterval(-3600)
            try await connection.query("DELETE FROM login_failures WHERE at < \(cutoff)", logger: logger)
        }
        for failure in changes.loginFailures {
            try await connection.query(
                "INSERT INTO login_failures (key, at) VALUES (\(failure.key), \(failure.at))", logger: logger)
        }
        for (id, at) in changes.revokedTokens {
            var updated = 0
            for try await _ in try await connection.query(
                "UPDATE access_tokens SET revoked_at = coalesce(revoked_at, \(at)) WHERE id = \(id) RETURNING id",
                logger: logger)
            {
                updated += 1
            }
            guard updated == 1 else { throw StoreError.notFound }
        }
    }

    private func insert(_ row: AccountRow) async throws {
        try await connection.query(
            """
            INSERT INTO accounts (id, login_index, login, role, organisation_ids, person_id, status, password_hash,
                totp_secret, enrolment_hash, enrolment_expires_at, created_at, updated_at)
            VALUES (\(row.id.uuid), \(row.loginIndex), \(Data(row.sealedLogin)), \(row.role),
                \(row.organisationIDs.map(\.uuid)), \(row.personID?.uuid), \(row.status.rawValue), \(row.passwordHash),
                \(row.sealedTOTPSecret.map { Data($0) }), \(row.enrolmentHash.map { Data($0) }),
                \(row.enrolmentExpiresAt), \(row.createdAt), \(row.updatedAt))
            """, logger: logger)
    }

    private func update(_ row: AccountRow) async throws {
        var updated = 0
        for try await _ in try await connection.query(
            """
            UPDATE accounts SET login_index = \(row.loginIndex), login = \(Data(row.sealedLogin)), role = \(row.role),
                organisation_ids = \(row.organisationIDs.map(\.uuid)), person_id = \(row.personID?.uuid),
                status = \(row.status.rawValue), password_hash = \(row.passwordHash),
                totp_secret = \(row.sealedTOTPSecret.map { Data($0) }),
                enrolment_hash = \(row.enrolmentHash.map { Data($0) }),
                enrolment_expires_at = \(row.enrolmentExpiresAt), updated_at = \(row.updatedAt)
            WHERE id = \(row.id.uuid) RETURNING id
            """, logger: logger)
        {
            updated += 1
        }
        guard updated == 1 else { throw StoreError.notFound }
    }
}

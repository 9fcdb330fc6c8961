import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Writes the service-level rows of a change set: accounts, sessions, sign-in failures, token revocations.
struct SQLiteAccountWriter {
    let db: Database

    func apply(_ changes: ChangeSet) throws {
        for row in changes.newAccounts { try insert(row) }
        for row in changes.accountUpdates { try update(row) }
        for end in changes.endedSessions {
            switch end {
            case .session(let hash):
                try db.execute(sql: "DELETE FROM sessions WHERE hash = ?", arguments: [Data(hash)])
            case .account(let id):
                try db.execute(sql: "DELETE FROM sessions WHERE account_id = ?", arguments: [id.description])
            }
        }
        for row in changes.newSessions {
            try db.execute(
                sql:
                    "INSERT INTO sessions (hash, account_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    Data(row.hash), row.accountID.description, SQLiteRows.millis(row.createdAt),
                    SQLiteRows.millis(row.lastSeenAt), SQLiteRows.millis(row.expiresAt),
                ])
        }
        if let latest = changes.loginFailures.map(\.at).max() {
            // Only the last hour counts; older failures are dropped as new ones arrive.
            try db.execute(
                sql: "DELETE FROM login_failures WHERE at < ?",
                arguments: [SQLiteRows.millis(latest.addingTimeInterval(-3600))])
        }
        for failure in changes.loginFailures {
            try db.execute(
                sql: "INSERT INTO login_failures (key, at) VALUES (?, ?)",
                arguments: [failure.key, SQLiteRows.millis(failure.at)])
        }
        for (id, at) in changes.revokedTokens {
            try db.execute(
                sql: "UPDATE access_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                arguments: [SQLiteRows.millis(at), id])
            guard db.changesCount == 1 else { throw StoreError.notFound }
        }
    }

    private func organisationsJSON(_ ids: [OrganisationID]) throws -> String {
        String(decoding: try JSONEncoder().encode(ids.map(\.description)), as: UTF8.self)
    }

    private func insert(_ row: AccountRow) throws {
        try db.execute(
            sql: """
                INSERT INTO accounts (id, login_index, login, role, organisation_ids, person_id, status, password_hash,
                    totp_secret, enrolment_hash, enrolment_expires_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                row.id.description, row.loginIndex, Data(row.sealedLogin), row.role,
                try organisationsJSON(row.organisationIDs), row.personID?.description, row.status.rawValue,
                row.passwordHash, row.sealedTOTPSecret.map { Data($0) }, row.enrolmentHash.map { Data($0) },
                row.enrolmentExpiresAt.map(SQLiteRows.millis), SQLiteRows.millis(row.createdAt),
                SQLiteRows.millis(row.updatedAt),
            ])
    }

    private func update(_ row: AccountRow) throws {
        try db.execute(
            sql: """
                UPDATE accounts SET login_index = ?, login = ?, role = ?, organisation_ids = ?, person_id = ?,
                    status = ?, password_hash = ?, totp_secret = ?, enrolment_hash = ?, enrolment_expires_at = ?,
                    updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                row.loginIndex, Data(row.sealedLogin), row.role, try organisationsJSON(row.organisationIDs),
                row.personID?.description, row.status.rawValue, row.passwordHash,
                row.sealedTOTPSecret.map { Data($0) }, row.enrolmentHash.map { Data($0) },
                row.enrolmentExpiresAt.map(SQLiteRows.millis), SQLiteRows.millis(row.updatedAt), row.id.description,
            ])
        guard db.changesCount == 1 else { throw StoreError.notFound }
    }
}

import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func accessTokens() async throws -> [AccessTokenRow] {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM access_tokens ORDER BY created_at DESC, id", logger: logger),
                PostgresRows.accessToken)
        }
    }

    public func auditEvents(subjects: [String], limit: Int) async throws -> [AuditEventRow] {
        guard !subjects.isEmpty else { return [] }
        return try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT * FROM audit_events WHERE subject_id = ANY(\(subjects))
                    ORDER BY sequence DESC LIMIT \(Int64(limit))
                    """, logger: logger),
                PostgresRows.auditEvent)
        }
    }

    public func auditEvents(actionPrefix: String, limit: Int) async throws -> [AuditEventRow] {
        try await scoped(.none) { connection in
            // starts_with takes the prefix as a value, so its characters are never pattern wildcards.
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT * FROM audit_events WHERE starts_with(action, \(actionPrefix))
                    ORDER BY sequence DESC LIMIT \(Int64(limit))
                    """, logger: logger),
                PostgresRows.auditEvent)
        }
    }

    public func account(id: AccountID) async throws -> AccountRow? {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM accounts WHERE id = \(id.uuid)", logger: logger),
                PostgresRows.account
            ).first
        }
    }

    public func account(loginIndex: Int64) async throws -> AccountRow? {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM accounts WHERE login_index = \(loginIndex)", logger: logger),
                PostgresRows.account
            ).first
        }
    }

    public func account(enrolmentHash: [UInt8]) async throws -> AccountRow? {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM accounts WHERE enrolment_hash = \(Data(enrolmentHash))", logger: logger),
                PostgresRows.account
            ).first
        }
    }

    public func accounts() async throws -> [AccountRow] {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM accounts ORDER BY created_at, id", logger: logger),
                PostgresRows.account)
        }
    }

    public func claimTOTPStep(_ step: Int64, account: AccountID) async throws -> Bool {
        try await scoped(.none) { connection in
            var updated = 0
            for try await _ in try await connection.query(
                """
                UPDATE accounts SET totp_last_step = \(step)
                WHERE id = \(account.uuid) AND totp_last_step < \(step) RETURNING id
                """, logger: logger)
            {
                updated += 1
            }
            return updated == 1
        }
    }

    public func session(hash: [UInt8]) async throws -> SessionRow? {
        try await scoped(.none) { connection in
            try await PostgresRows.all(
                connection.query("SELECT * FROM sessions WHERE hash = \(Data(hash))", logger: logger)
            ) { row in
                SessionRow(
                    hash: hash, accountID: AccountID(try row["account_id"].decode(UUID.self)),
                    createdAt: try row["created_at"].decode(Date.self),
                    lastSeenAt: try row["last_seen_at"].decode(Date.self),
                    expiresAt: try row["expires_at"].decode(Date.self))
            }.first
        }
    }

    public func touchSession(hash: [UInt8], at time: Date) async throws {
        try await scoped(.none) { connection in
            try await connection.query(
                "UPDATE sessions SET last_seen_at = greatest(last_seen_at, \(time)) WHERE hash = \(Data(hash))",
                logger: logger)
        }
    }

    public func loginFailures(key: Int64, since: Date) async throws -> Int {
        try await scoped(.none) { connection in
            var count: Int64 = 0
            for try await value in try await connection.query(
                "SELECT count(*) FROM login_failures WHERE key = \(key) AND at >= \(since)", logger: logger
            ).decode(Int64.self) {
                count = value
            }
            return Int(count)
        }
    }
}

extension PostgresRows {
    static func account(_ row: PostgresRandomAccessRow) throws -> AccountRow {
        guard let status = AccountStatus(rawValue: try row["status"].decode(String.self)) else {
            throw StoreError.corrupt("bad status")
        }
        return AccountRow(
            id: AccountID(try row["id"].decode(UUID.self)), loginIndex: try row["login_index"].decode(Int64.self),
            sealedLogin: try bytes(row, "login") ?? [], role: try row["role"].decode(String.self),
            organisationIDs: try row["organisation_ids"].decode([UUID].self).map(OrganisationID.init),
            personID: try row["person_id"].decode(UUID?.self).map(PersonID.init), status: status,
            passwordHash: try row["password_hash"].decode(String?.self),
            sealedTOTPSecret: try bytes(row, "totp_secret"), enrolmentHash: try bytes(row, "enrolment_hash"),
            enrolmentExpiresAt: try row["enrolment_expires_at"].decode(Date?.self),
            createdAt: try row["created_at"].decode(Date.self), updatedAt: try row["updated_at"].decode(Date.self))
    }

    static func accessToken(_ row: PostgresRandomAccessRow) throws -> AccessTokenRow {
        AccessTokenRow(
            hash: try bytes(row, "hash") ?? [], id: try row["id"].decode(String.self),
            role: try row["role"].decode(String.self),
            organisationID: try row["organisation_id"].decode(UUID?.self).map(OrganisationID.init),
            createdAt: try row["created_at"].decode(Date.self), expiresAt: try row["expires_at"].decode(Date?.self),
            revokedAt: try row["revoked_at"].decode(Date?.self))
    }
}

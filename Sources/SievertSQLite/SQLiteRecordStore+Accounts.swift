import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func accessTokens() async throws -> [AccessTokenRow] {
        try await read { db in
            try db.cachedRows(
                sql: "SELECT * FROM access_tokens ORDER BY created_at DESC, id", as: SQLiteRows.accessToken)
        }
    }

    public func auditEvents(subjects: [String], limit: Int) async throws -> [AuditEventRow] {
        guard !subjects.isEmpty else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: SQLiteRows.auditEventSelect
                    + " WHERE subject_id IN (\(SQLiteRows.marks(subjects.count))) ORDER BY sequence DESC LIMIT ?",
                arguments: StatementArguments(subjects) + [limit], as: SQLiteRows.auditEvent(positional:))
        }
    }

    public func auditEvents(actionPrefix: String, limit: Int) async throws -> [AuditEventRow] {
        try await read { db in
            // A range on the indexed column rather than LIKE, whose wildcards the prefix could carry.
            try db.cachedRows(
                sql: SQLiteRows.auditEventSelect + " WHERE action >= ? AND action < ? ORDER BY sequence DESC LIMIT ?",
                arguments: [actionPrefix, actionPrefix + "\u{10FFFF}", limit], as: SQLiteRows.auditEvent(positional:))
        }
    }

    public func account(id: AccountID) async throws -> AccountRow? {
        try await oneAccount("id = ?", [id.description])
    }

    public func account(loginIndex: Int64) async throws -> AccountRow? {
        try await oneAccount("login_index = ?", [loginIndex])
    }

    public func account(enrolmentHash: [UInt8]) async throws -> AccountRow? {
        try await oneAccount("enrolment_hash = ?", [Data(enrolmentHash)])
    }

    public func accounts() async throws -> [AccountRow] {
        try await read { db in
            try db.cachedRows(sql: "SELECT * FROM accounts ORDER BY created_at, id", as: SQLiteRows.account)
        }
    }

    public func claimTOTPStep(_ step: Int64, account: AccountID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE accounts SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                arguments: [step, account.description, step])
            return db.changesCount == 1
        }
    }

    public func session(hash: [UInt8]) async throws -> SessionRow? {
        try readHere { db in
            try db.cachedRow(sql: "SELECT * FROM sessions WHERE hash = ?", arguments: [Data(hash)]) {
                SessionRow(
                    hash: hash, accountID: try SQLiteRows.identifier($0["account_id"]),
                    createdAt: SQLiteRows.date($0["created_at"]), lastSeenAt: SQLiteRows.date($0["last_seen_at"]),
                    expiresAt: SQLiteRows.date($0["expires_at"]))
            }
        }
    }

    public func touchSession(hash: [UInt8], at time: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET last_seen_at = max(last_seen_at, ?) WHERE hash = ?",
                arguments: [SQLiteRows.millis(time), Data(hash)])
        }
    }

    public func loginFailures(key: Int64, since: Date) async throws -> Int {
        try await read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?",
                arguments: [key, SQLiteRows.millis(since)]) ?? 0
        }
    }

    private func oneAccount(_ condition: String, _ arguments: StatementArguments) async throws -> AccountRow? {
        try await read { db in
            try db.cachedRow(
                sql: "SELECT * FROM accounts WHERE \(condition)", arguments: arguments, as: SQLiteRows.account)
        }
    }
}

extension SQLiteRows {
    static func account(_ row: Row) throws -> AccountRow {
        let organisationsJSON: String = row["organisation_ids"]
        let organisations = try JSONDecoder().decode([String].self, from: Data(organisationsJSON.utf8))
        let person: String? = row["person_id"]
        let statusText: String = row["status"]
        guard let status = AccountStatus(rawValue: statusText) else { throw StoreError.corrupt("bad status") }
        let enrolmentExpires: Int64? = row["enrolment_expires_at"]
        return AccountRow(
            id: try identifier(row["id"]), loginIndex: row["login_index"], sealedLogin: bytes(row, "login") ?? [],
            role: row["role"], organisationIDs: try organisations.map { try identifier($0) },
            personID: try person.map { try identifier($0) }, status: status, passwordHash: row["password_hash"],
            sealedTOTPSecret: bytes(row, "totp_secret"), enrolmentHash: bytes(row, "enrolment_hash"),
            enrolmentExpiresAt: enrolmentExpires.map(date), createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"]))
    }

    static func accessToken(_ row: Row) throws -> AccessTokenRow {
        let organisation: String? = row["organisation_id"]
        let expires: Int64? = row["expires_at"]
        let revoked: Int64? = row["revoked_at"]
        return AccessTokenRow(
            hash: bytes(row, "hash") ?? [], id: row["id"], role: row["role"],
            organisationID: try organisation.map { try identifier($0) }, createdAt: date(row["created_at"]),
            expiresAt: expires.map(date), revokedAt: revoked.map(date))
    }
}

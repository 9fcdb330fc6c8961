import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func doseAlerts(of organisation: OrganisationID?, scope: StoreScope) async throws -> [DoseAlertRow] {
        if let organisation {
            guard scope.permits(organisation) else { return [] }
            return try await alerts(where: "organisation_id = ?", [organisation.description])
        }
        guard let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await alerts(where: filter.sql, filter.arguments)
    }

    public func doseAlerts(ofPeople people: [PersonID], scope: StoreScope) async throws -> [DoseAlertRow] {
        var rows = try await read { db in
            try people.map(\.description).inChunks { marks, arguments in
                try Self.alerts(db, where: "person_id IN (\(marks))", arguments)
            }
        }.filter { scope.permits($0.organisationID) }
        if people.count > 500 { rows.sort { ($0.raisedAt, $0.id) < ($1.raisedAt, $1.id) } }
        return rows
    }

    private func alerts(where condition: String, _ arguments: StatementArguments) async throws -> [DoseAlertRow] {
        try await read { db in try Self.alerts(db, where: condition, arguments) }
    }

    private static func alerts(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [DoseAlertRow]
    {
        try db.cachedRows(
            sql: "SELECT * FROM dose_alerts WHERE \(condition) ORDER BY raised_at, id", arguments: arguments
        ) { row in
            DoseAlertRow(
                id: try SQLiteRows.identifier(row["id"]),
                organisationID: try SQLiteRows.identifier(row["organisation_id"]),
                personID: try SQLiteRows.identifier(row["person_id"]), fingerprint: row["fingerprint"],
                state: row["state"], sealedAlert: SQLiteRows.bytes(row, "alert") ?? [],
                raisedAt: SQLiteRows.date(row["raised_at"]), updatedAt: SQLiteRows.date(row["updated_at"]))
        }
    }

    public func investigationLevels(of organisation: OrganisationID, scope: StoreScope) async throws
        -> InvestigationLevelsRow?
    {
        guard scope.permits(organisation) else { return nil }
        return try await read { db in
            try db.cachedRow(
                sql: "SELECT * FROM investigation_levels WHERE organisation_id = ?",
                arguments: [organisation.description]
            ) { row in
                InvestigationLevelsRow(
                    organisationID: try SQLiteRows.identifier(row["organisation_id"]), levels: row["levels"],
                    updatedAt: SQLiteRows.date(row["updated_at"]))
            }
        }
    }

    public func pendingMail(limit: Int, scope: StoreScope) async throws -> [MailOutboxRow] {
        guard let filter = SQLiteScopeFilter(scope, column: "organisation_id") else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: """
                    SELECT * FROM mail_outbox WHERE sent_at IS NULL AND \(filter.sql) ORDER BY created_at, id LIMIT ?
                    """,
                arguments: filter.arguments + [max(0, limit)]
            ) { row in
                guard let id = UUID(uuidString: row["id"]) else { throw StoreError.corrupt("bad mail id") }
                return MailOutboxRow(
                    id: id, organisationID: try SQLiteRows.identifier(row["organisation_id"]),
                    sealedMessage: SQLiteRows.bytes(row, "message") ?? [],
                    createdAt: SQLiteRows.date(row["created_at"]),
                    sentAt: (row["sent_at"] as Int64?).map(SQLiteRows.date), attempts: row["attempts"],
                    lastError: row["last_error"])
            }
        }
    }
}

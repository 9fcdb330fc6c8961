import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func doseAlerts(of organisation: OrganisationID?, scope: StoreScope) async throws -> [DoseAlertRow] {
        try await scoped(scope) { connection in
            // Row-level security limits the rows to the scope; nil lists every organisation the scope covers.
            let rows =
                if let organisation {
                    try await connection.query(
                        "SELECT * FROM dose_alerts WHERE organisation_id = \(organisation.uuid) ORDER BY raised_at, id",
                        logger: logger)
                } else {
                    try await connection.query("SELECT * FROM dose_alerts ORDER BY raised_at, id", logger: logger)
                }
            return try await PostgresRows.all(rows, Self.alert)
        }
    }

    public func doseAlerts(ofPeople people: [PersonID], scope: StoreScope) async throws -> [DoseAlertRow] {
        guard !people.isEmpty else { return [] }
        return try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM dose_alerts WHERE person_id = ANY(\(people.map(\.uuid))) ORDER BY raised_at, id",
                    logger: logger),
                Self.alert)
        }
    }

    static func alert(_ row: PostgresRandomAccessRow) throws -> DoseAlertRow {
        DoseAlertRow(
            id: AlertID(try row["id"].decode(UUID.self)),
            organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
            personID: PersonID(try row["person_id"].decode(UUID.self)),
            fingerprint: try row["fingerprint"].decode(String.self), state: try row["state"].decode(String.self),
            sealedAlert: try PostgresRows.bytes(row, "alert") ?? [], raisedAt: try row["raised_at"].decode(Date.self),
            updatedAt: try row["updated_at"].decode(Date.self))
    }

    public func investigationLevels(of organisation: OrganisationID, scope: StoreScope) async throws
        -> InvestigationLevelsRow?
    {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT organisation_id, levels, updated_at FROM investigation_levels
                    WHERE organisation_id = \(organisation.uuid)
                    """, logger: logger)
            ) { row in
                InvestigationLevelsRow(
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    levels: try row["levels"].decode(String.self), updatedAt: try row["updated_at"].decode(Date.self))
            }.first
        }
    }

    public func pendingMail(limit: Int, scope: StoreScope) async throws -> [MailOutboxRow] {
        try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT * FROM mail_outbox WHERE sent_at IS NULL ORDER BY created_at, id
                    LIMIT \(Int64(max(0, limit)))
                    """, logger: logger)
            ) { row in
                MailOutboxRow(
                    id: try row["id"].decode(UUID.self),
                    organisationID: OrganisationID(try row["organisation_id"].decode(UUID.self)),
                    sealedMessage: try PostgresRows.bytes(row, "message") ?? [],
                    createdAt: try row["created_at"].decode(Date.self), sentAt: try row["sent_at"].decode(Date?.self),
                    attempts: Int(try row["attempts"].decode(Int32.self)),
                    lastError: try row["last_error"].decode(String?.self))
            }
        }
    }
}

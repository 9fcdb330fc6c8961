import DoseCore
import Foundation
import GRDB
import SievertStorage

extension SQLiteRecordStore {
    public func keyInventory(scope: StoreScope) async throws -> KeyInventory {
        guard let organisations = SQLiteScopeFilter(scope, column: "organisation_id") else {
            return KeyInventory(underRoot: [], underOrganisationKeys: [])
        }
        let serviceWide = scope.organisations == .all
        return try await read { db in
            func counts(_ sql: String, kind: String, _ arguments: StatementArguments, organisation: Bool = true)
                throws -> [KeyInventory.Count]
            {
                try db.cachedRows(sql: sql, arguments: arguments) { row in
                    KeyInventory.Count(
                        organisationID: organisation ? try SQLiteRows.identifier(row["owner"]) : nil, kind: kind,
                        version: try Self.version(row["version"]), count: row["count"])
                }
            }
            var underRoot = try counts(
                """
                SELECT organisation_id AS owner, wrapping_version AS version, count(*) AS count FROM organisation_keys
                WHERE \(organisations.sql) GROUP BY owner, version
                """, kind: "organisation_keys", organisations.arguments)
            if serviceWide {
                underRoot += try counts(
                    "SELECT wrapping_version AS version, count(*) AS count FROM service_keys GROUP BY version",
                    kind: "service_keys", [], organisation: false)
            }
            var underOrganisation = try counts(
                """
                SELECT organisation_id AS owner, wrapping_version AS version, count(*) AS count FROM person_keys
                WHERE \(organisations.sql) GROUP BY owner, version
                """, kind: "person_keys", organisations.arguments)
            for column in OrganisationSealedColumn.allCases {
                let filter = SQLiteScopeFilter(scope, column: column.organisationColumn) ?? organisations
                // Bytes 2–5 of an envelope are the sealing key's version (Vault's Envelope format).
                underOrganisation += try counts(
                    """
                    SELECT \(column.organisationColumn) AS owner, substr(\(column.column), 2, 4) AS version,
                           count(*) AS count
                    FROM \(column.table) WHERE \(column.column) IS NOT NULL AND \(filter.sql) GROUP BY owner, version
                    """, kind: column.rawValue, filter.arguments)
            }
            return KeyInventory(underRoot: underRoot, underOrganisationKeys: underOrganisation)
        }
    }

    public func personKeys(
        of organisation: OrganisationID, notWrappedUnder version: UInt32, after: PersonID?, limit: Int,
        scope: StoreScope
    ) async throws -> [PersonKeyRow] {
        guard scope.permits(organisation), limit > 0 else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: """
                    SELECT * FROM person_keys WHERE organisation_id = ? AND wrapping_version != ? AND person_id > ?
                    ORDER BY person_id LIMIT ?
                    """,
                arguments: [organisation.description, Int64(version), after?.description ?? "", limit]
            ) { row in
                PersonKeyRow(
                    personID: try SQLiteRows.identifier(row["person_id"]), organisationID: organisation,
                    key: try SQLiteRows.wrappedKey(row))
            }
        }
    }

    public func sealedValues(
        _ column: OrganisationSealedColumn, of organisation: OrganisationID, notUnder version: UInt32,
        after: String?, limit: Int, scope: StoreScope
    ) async throws -> [SealedValue] {
        guard scope.permits(organisation), limit > 0 else { return [] }
        return try await read { db in
            try db.cachedRows(
                sql: """
                    SELECT id, \(column.column) AS sealed FROM \(column.table)
                    WHERE \(column.organisationColumn) = ? AND \(column.column) IS NOT NULL
                      AND substr(\(column.column), 2, 4) != ? AND id > ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [organisation.description, Data(Self.versionBytes(version)), after ?? "", limit]
            ) { row in
                SealedValue(
                    organisationID: organisation, rowID: row["id"], bytes: SQLiteRows.bytes(row, "sealed") ?? [])
            }
        }
    }

    static func versionBytes(_ version: UInt32) -> [UInt8] {
        [UInt8(version >> 24), UInt8((version >> 16) & 0xFF), UInt8((version >> 8) & 0xFF), UInt8(version & 0xFF)]
    }

    // A group key is either an integer column or the four big-endian header bytes of an envelope.
    static func version(_ value: DatabaseValue) throws -> UInt32 {
        if let number = Int64.fromDatabaseValue(value) { return try SQLiteRows.uint32(number) }
        guard let data = Data.fromDatabaseValue(value), data.count == 4 else {
            throw StoreError.corrupt("envelope without a key version")
        }
        return data.reduce(0) { $0 << 8 | UInt32($1) }
    }
}

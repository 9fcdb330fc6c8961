import DoseCore
import Foundation
import PostgresNIO
import SievertStorage

extension PostgresRecordStore {
    public func keyInventory(scope: StoreScope) async throws -> KeyInventory {
        // Row-level security keeps every count inside the scope.
        try await scoped(scope) { connection in
            func counts(_ query: PostgresQuery, kind: String, organisation: Bool = true) async throws
                -> [KeyInventory.Count]
            {
                try await PostgresRows.all(connection.query(query, logger: logger)) { row in
                    KeyInventory.Count(
                        organisationID: organisation ? OrganisationID(try row["owner"].decode(UUID.self)) : nil,
                        kind: kind, version: try Self.version(row), count: Int(try row["count"].decode(Int64.self)))
                }
            }
            var underRoot = try await counts(
                """
                SELECT organisation_id AS owner, wrapping_version AS version, count(*) AS count
                FROM organisation_keys GROUP BY 1, 2
                """, kind: "organisation_keys")
            if scope.organisations == .all {
                underRoot += try await counts(
                    "SELECT wrapping_version AS version, count(*) AS count FROM service_keys GROUP BY 1",
                    kind: "service_keys", organisation: false)
            }
            var underOrganisation = try await counts(
                """
                SELECT organisation_id AS owner, wrapping_version AS version, count(*) AS count
                FROM person_keys GROUP BY 1, 2
                """, kind: "person_keys")
            for column in OrganisationSealedColumn.allCases {
                // Bytes 2–5 of an envelope are the sealing key's version (Vault's Envelope format).
                underOrganisation += try await counts(
                    """
                    SELECT \(unescaped: column.organisationColumn) AS owner,
                           substring(\(unescaped: column.column) from 2 for 4) AS version, count(*) AS count
                    FROM \(unescaped: column.table) WHERE \(unescaped: column.column) IS NOT NULL GROUP BY 1, 2
                    """, kind: column.rawValue)
            }
            return KeyInventory(underRoot: underRoot, underOrganisationKeys: underOrganisation)
        }
    }

    public func personKeys(
        of organisation: OrganisationID, notWrappedUnder version: UInt32, after: PersonID?, limit: Int,
        scope: StoreScope
    ) async throws -> [PersonKeyRow] {
        let after = after?.uuid ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        guard limit > 0 else { return [] }
        return try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT * FROM person_keys WHERE organisation_id = \(organisation.uuid)
                      AND wrapping_version != \(Int64(version)) AND person_id > \(after)
                    ORDER BY person_id LIMIT \(limit)
                    """, logger: logger)
            ) { row in
                PersonKeyRow(
                    personID: PersonID(try row["person_id"].decode(UUID.self)), organisationID: organisation,
                    key: try PostgresRows.wrappedKey(row))
            }
        }
    }

    public func sealedValues(
        _ column: OrganisationSealedColumn, of organisation: OrganisationID, notUnder version: UInt32,
        after: String?, limit: Int, scope: StoreScope
    ) async throws -> [SealedValue] {
        let after =
            after.flatMap(UUID.init(uuidString:)) ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        guard limit > 0 else { return [] }
        let header = Data([
            UInt8(version >> 24), UInt8((version >> 16) & 0xFF), UInt8((version >> 8) & 0xFF), UInt8(version & 0xFF),
        ])
        return try await scoped(scope) { connection in
            try await PostgresRows.all(
                connection.query(
                    """
                    SELECT id, \(unescaped: column.column) AS sealed FROM \(unescaped: column.table)
                    WHERE \(unescaped: column.organisationColumn) = \(organisation.uuid)
                      AND \(unescaped: column.column) IS NOT NULL
                      AND substring(\(unescaped: column.column) from 2 for 4) != \(header) AND id > \(after)
                    ORDER BY id LIMIT \(limit)
                    """, logger: logger)
            ) { row in
                SealedValue(
                    organisationID: organisation, rowID: try row["id"].decode(UUID.self).uuidString.lowercased(),
                    bytes: try PostgresRows.bytes(row, "sealed") ?? [])
            }
        }
    }

    // A group key is either a bigint column or the four big-endian header bytes of an envelope.
    static func version(_ row: PostgresRandomAccessRow) throws -> UInt32 {
        if let number = try? row["version"].decode(Int64.self) {
            guard let value = UInt32(exactly: number) else { throw StoreError.corrupt("bad key version") }
            return value
        }
        let bytes = try row["version"].decode(Data.self)
        guard bytes.count == 4 else { throw StoreError.corrupt("envelope without a key version") }
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }
}

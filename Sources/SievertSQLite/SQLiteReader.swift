import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Reads people with their keys and employments in three queries, whatever the page size.
struct SQLiteReader {
    let db: Database

    func people(where clause: String, arguments: StatementArguments) throws -> [PersonRecord] {
        let heads = try db.cachedRows(
            sql: """
                SELECT p.*, k.version AS key_version, k.wrapping_version AS key_wrapping_version,
                       k.envelope AS key_envelope, k.created_at AS key_created_at
                FROM people p JOIN person_keys k ON k.person_id = p.id
                WHERE \(clause)
                """,
            arguments: arguments
        ) { row in
            (
                id: row["id"] as String, person: try SQLiteRows.person(row),
                key: WrappedKeyRow(
                    version: try SQLiteRows.uint32(row["key_version"]),
                    wrappingVersion: try SQLiteRows.uint32(row["key_wrapping_version"]),
                    envelope: SQLiteRows.bytes(row, "key_envelope") ?? [],
                    createdAt: SQLiteRows.date(row["key_created_at"]))
            )
        }
        guard !heads.isEmpty else { return [] }
        var employments: [String: [EmploymentRow]] = [:]
        let rows = try heads.map(\.id).inChunks { marks, arguments in
            try db.cachedRows(
                sql: "SELECT * FROM employments WHERE person_id IN (\(marks)) ORDER BY id", arguments: arguments
            ) { row in (row["person_id"] as String, try SQLiteRows.employment(row)) }
        }
        for (personID, employment) in rows { employments[personID, default: []].append(employment) }
        return heads.map { PersonRecord(person: $0.person, key: $0.key, employments: employments[$0.id] ?? []) }
    }
}

import DoseCore
import Foundation
import GRDB
import SievertStorage

/// Reads people with their keys and employments in three queries, whatever the page size.
struct SQLiteReader {
    let db: Database

    func people(where clause: String, arguments: StatementArguments) throws -> [PersonRecord] {
        let rows = try db.cachedRows(
            sql: """
                SELECT p.*, k.version AS key_version, k.wrapping_version AS key_wrapping_version,
                       k.envelope AS key_envelope, k.created_at AS key_created_at
                FROM people p JOIN person_keys k ON k.person_id = p.id
                WHERE \(clause)
                """,
            arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map { $0["id"] as String }
        var employments: [String: [EmploymentRow]] = [:]
        for chunk in ids.chunked(500) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try db.cachedRows(
                sql: "SELECT * FROM employments WHERE person_id IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(Array(chunk)))
            {
                employments[row["person_id"], default: []].append(try SQLiteRows.employment(row))
            }
        }
        return try rows.map { row in
            let key = WrappedKeyRow(
                version: try SQLiteRows.uint32(row["key_version"]),
                wrappingVersion: try SQLiteRows.uint32(row["key_wrapping_version"]),
                envelope: SQLiteRows.bytes(row, "key_envelope") ?? [],
                createdAt: SQLiteRows.date(row["key_created_at"]))
            return PersonRecord(
                person: try SQLiteRows.person(row), key: key, employments: employments[row["id"]] ?? [])
        }
    }
}

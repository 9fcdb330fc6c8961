import DoseCore
import Foundation
import Logging
import PostgresNIO
import SievertStorage

/// Reads people with their keys and employments in two queries, whatever the page size.
struct PostgresReader {
    let connection: PostgresConnection
    let logger: Logger

    func people(where clause: String, binds: (inout PostgresBindings) throws -> Void) async throws -> [PersonRecord] {
        var bindings = PostgresBindings()
        try binds(&bindings)
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT p.*, k.version AS key_version, k.wrapping_version AS key_wrapping_version,
                       k.envelope AS key_envelope, k.created_at AS key_created_at
                FROM people p JOIN person_keys k ON k.person_id = p.id
                WHERE \(clause)
                """, binds: bindings)
        let pairs = try await PostgresRows.all(connection.query(query, logger: logger)) { row in
            (try PostgresRows.person(row), try PostgresRows.wrappedKey(row, prefix: "key_"))
        }
        guard !pairs.isEmpty else { return [] }
        var employments: [PersonID: [EmploymentRow]] = [:]
        let ids = pairs.map(\.0.id.uuid)
        for employment in try await PostgresRows.all(
            connection.query("SELECT * FROM employments WHERE person_id = ANY(\(ids)) ORDER BY id", logger: logger),
            PostgresRows.employment)
        {
            employments[employment.personID, default: []].append(employment)
        }
        return pairs.map { PersonRecord(person: $0.0, key: $0.1, employments: employments[$0.0.id] ?? []) }
    }
}

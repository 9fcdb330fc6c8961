import Foundation
import GRDB
import SievertStorage
import SievertTestSupport
import Testing

/// The audit table is append-only for the application: edits and deletions are refused by the database.
@Suite("Audit events are append-only")
struct AuditAppendOnlyTests {
    @Test("SQLite refuses to update or delete an audit event")
    func sqlite() async throws {
        try await withTestStore(.sqlite) { test in
            var changes = ChangeSet()
            changes.auditEvents = [RowFixtures.event("kept", organisation: nil)]
            try await test.store.apply(changes, scope: .service(actor: "t"))
            let queue = try DatabaseQueue(path: try #require(test.sqlitePath))
            #expect(throws: DatabaseError.self) {
                try queue.write { try $0.execute(sql: "UPDATE audit_events SET action = 'edited'") }
            }
            #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_events") } }
            try queue.close()
            #expect(try await test.store.auditEvents(after: 0, limit: 10).map(\.action) == ["kept"])
        }
    }

    @Test(
        "the PostgreSQL application role may not update or delete an audit event",
        .enabled(if: StoreKind.available.contains(.postgres)))
    func postgres() async throws {
        try await withTestStore(.postgres) { test in
            var changes = ChangeSet()
            changes.auditEvents = [RowFixtures.event("kept", organisation: nil)]
            try await test.store.apply(changes, scope: .service(actor: "t"))
            let app = try #require(test.postgres?.app)
            await #expect(throws: (any Error).self) {
                try await PostgresTestDatabase.run(app, "UPDATE audit_events SET action = 'edited'")
            }
            await #expect(throws: (any Error).self) {
                try await PostgresTestDatabase.run(app, "DELETE FROM audit_events")
            }
            #expect(try await test.store.auditEvents(after: 0, limit: 10).map(\.action) == ["kept"])
        }
    }
}

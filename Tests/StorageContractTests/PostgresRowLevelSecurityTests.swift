import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// The database itself, not the store code, keeps tenants apart on PostgreSQL: these tests talk to it
/// as the application role with raw SQL.
@Suite("PostgreSQL row-level security")
struct PostgresRowLevelSecurityTests {
    static var enabled: Bool { StoreKind.available.contains(.postgres) }

    @Test("the application role owns nothing and cannot switch row-level security off", .enabled(if: enabled))
    func applicationRoleOwnsNothing() async throws {
        try await withTestStore(.postgres) { test in
            let app = try #require(test.postgres?.app)
            let owned = try await PostgresTestDatabase.strings(
                app,
                "SELECT count(*)::text FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
            )
            #expect(owned == ["0"])
            await #expect(throws: (any Error).self) {
                try await PostgresTestDatabase.run(app, "ALTER TABLE people DISABLE ROW LEVEL SECURITY")
            }
            let forced = try await PostgresTestDatabase.strings(
                app,
                """
                SELECT count(*)::text FROM pg_class WHERE relname IN
                    ('organisations', 'organisation_keys', 'people', 'person_keys', 'employments')
                    AND relrowsecurity AND relforcerowsecurity
                """)
            #expect(forced == ["5"])
            // Every tenant table, present and future: any table (partitioned ones and each partition too) with an
            // organisation column is under forced row-level security, except the audit log, which the ledger reads
            // whole, and access tokens, which are looked up by hash before any scope exists.
            let unguarded = try await PostgresTestDatabase.strings(
                app,
                """
                SELECT c.relname::text FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                WHERE c.relkind IN ('r', 'p') AND c.relname NOT IN ('audit_events', 'access_tokens')
                    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id')
                    AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                ORDER BY 1
                """)
            #expect(unguarded == [])
        }
    }

    @Test("without a scope the application role sees no rows; with one, only its organisation's", .enabled(if: enabled))
    func scopeAtDatabaseLevel() async throws {
        try await withTestStore(.postgres) { test in
            let app = try #require(test.postgres?.app)
            let owner = try #require(test.postgres?.owner)
            let (a, _, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))

            #expect(try await PostgresTestDatabase.strings(app, "SELECT count(*)::text FROM people") == ["0"])
            #expect(try await PostgresTestDatabase.strings(app, "SELECT count(*)::text FROM person_keys") == ["0"])
            // FORCE applies the policies to the owner as well.
            #expect(try await PostgresTestDatabase.strings(owner, "SELECT count(*)::text FROM people") == ["0"])
            let inScope = try await PostgresTestDatabase.session(
                app,
                ["SELECT set_config('sievert.organisations', '\(a.id)', false)", "SELECT count(*)::text FROM people"])
            #expect(inScope == ["3"])
        }
    }

    @Test("a row written for another organisation is refused by the database", .enabled(if: enabled))
    func withCheckRefusesForeignRows() async throws {
        try await withTestStore(.postgres) { test in
            let app = try #require(test.postgres?.app)
            let (a, b, changes) = RowFixtures.twoTenants()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            // A session scoped to A inserting a person of B: the WITH CHECK policy refuses it.
            let scopeToA = "SELECT set_config('sievert.organisations', '\(a.id)', false)"
            await #expect(throws: (any Error).self) {
                _ = try await PostgresTestDatabase.session(
                    app,
                    [
                        scopeToA,
                        """
                        INSERT INTO people (id, organisation_id, status, is_canary, created_at, updated_at)
                        VALUES (gen_random_uuid(), '\(b.id)', 'active', false, now(), now()) RETURNING id::text
                        """,
                    ])
            }
            // The same session may change only its own rows: an update aimed at B's rows touches none.
            let touched = try await PostgresTestDatabase.session(
                app,
                [scopeToA, "UPDATE people SET status = 'left' WHERE organisation_id = '\(b.id)' RETURNING id::text"])
            #expect(touched.isEmpty)
            #expect(try await test.store.countPeople(of: b.id, scope: .service(actor: "check")) == 2)
        }
    }
}

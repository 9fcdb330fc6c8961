import DoseCore
import Foundation
import SievertPostgres
import SievertStorage
import SievertTestSupport
import Testing

/// Report reads go to the replica URL when one is given. A real streaming replica is not started here: the
/// replica is a copy of the primary's database (`CREATE DATABASE … TEMPLATE …`: the same schema, policies, rights and
/// rows, as a standby has), and rows written to the primary after the copy show which server answered each read.
@Suite("PostgreSQL report replica")
struct PostgresReplicaReadTests {
    static var enabled: Bool { StoreKind.available.contains(.postgres) }

    @Test("report reads go to the replica; everything else to the primary", .enabled(if: enabled))
    func reportReadsGoToTheReplica() async throws {
        try await withTestStore(.postgres) { test in
            // setup: entries for 2025 on both servers, then one for 2026 written to the primary only.
            let urls = try #require(test.postgres)
            let (a, _, employment, changes) = try YearSpanContractTests.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            try await test.store.close()
            let copy = try await PostgresTestDatabase.copy(urls.owner)
            let replicaApp = try #require(copy.database.map { urls.app.with(database: $0) })
            let store = PostgresRecordStore(
                url: urls.app, replicaURL: replicaApp, pool: PostgresPoolOptions(maximumConnections: 2),
                logger: TestLog.quiet)
            do {
                var later = ChangeSet()
                let fresh = try YearSpanContractTests.entry(employment, ending: "2026-02-28")
                later.newDoseEntries = [fresh]
                try await store.apply(later, scope: .service(actor: "record"))
                let onlyA = StoreScope.organisation(a.id, actor: "lead-a")

                // MUT
                let reported = try await store.doseEntries(of: a.id, endingSince: nil, scope: onlyA)
                let history = try await store.doseEntries(of: employment.personID, scope: onlyA)

                // validate: the report read does not see the row the primary has had since the copy; the rest does.
                #expect(Set(reported.map(\.id)) == Set(changes.newDoseEntries.map(\.id)))
                #expect(Set(history.map(\.id)) == Set(changes.newDoseEntries.map(\.id) + [fresh.id]))
                #expect(try await store.labReadings(of: a.id, scope: onlyA).count == changes.newLabReadings.count)
                // The replica's pool names itself, connected to the copy.
                let named = try await PostgresTestDatabase.strings(
                    copy,
                    """
                    SELECT DISTINCT application_name::text FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                    """)
                #expect(named == ["sievert-reports"])
                try await store.close()
            } catch {
                try? await store.close()
                await PostgresTestDatabase.drop(copy)
                throw error
            }
            await PostgresTestDatabase.drop(copy)
        }
    }

    @Test("without a replica, report reads go to the primary", .enabled(if: enabled))
    func withoutReplicaThePrimaryAnswers() async throws {
        try await withTestStore(.postgres) { test in
            let urls = try #require(test.postgres)
            let store = PostgresRecordStore(
                url: urls.app, replicaURL: nil, pool: PostgresPoolOptions(maximumConnections: 2, minimumConnections: 1),
                logger: TestLog.quiet)
            do {
                let (a, _, _, changes) = try YearSpanContractTests.population()
                try await store.apply(changes, scope: .service(actor: "setup"))
                let reported = try await store.doseEntries(
                    of: a.id, endingSince: nil, scope: .organisation(a.id, actor: "lead-a"))
                #expect(Set(reported) == Set(changes.newDoseEntries))
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}

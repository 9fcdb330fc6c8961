import DoseCore
import Foundation
import SievertPostgres
import SievertStorage
import SievertTestSupport
import Testing

/// Lab readings and dose entries partitioned by the year their period ends, seen from the database: which partition
/// holds each row (`tableoid`, `pg_inherits`), the default partition, and the conversion of tables written before.
@Suite("PostgreSQL year partitions")
struct PostgresYearPartitionTests {
    static var enabled: Bool { StoreKind.available.contains(.postgres) }

    /// Runs `sql` as `url` with every organisation in scope (the owner is bound by FORCE too); first column as text.
    static func everything(_ url: PostgresURL, _ sql: String) async throws -> [String] {
        try await PostgresTestDatabase.session(
            url, ["SELECT set_config('sievert.all_organisations', 'on', false)", sql])
    }

    /// Each row's id with the partition that holds it.
    static func partitions(_ url: PostgresURL, of table: String) async throws -> [String: String] {
        let pairs = try await everything(url, "SELECT id::text || ' ' || tableoid::regclass::text FROM \(table)")
        return Dictionary(
            uniqueKeysWithValues: pairs.map {
                let parts = $0.split(separator: " ")
                return (String(parts[0]), String(parts[1]))
            })
    }

    static func children(_ url: PostgresURL, of table: String) async throws -> Set<String> {
        Set(
            try await PostgresTestDatabase.strings(
                url,
                """
                SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = '\(table)'::regclass
                """))
    }

    @Test(
        "a row lands in its year's partition, or waits in the default one until the migrator makes its year",
        .enabled(if: enabled))
    func rowsLandInTheirYear() async throws {
        try await withTestStore(.postgres) { test in
            // setup
            let owner = try #require(test.postgres?.owner)
            let app = try #require(test.postgres?.app)
            let (a, _, employment, changes) = try YearSpanContractTests.population()
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
            // A new database has the years around today, made ahead of their rows, and the default partition.
            let made = try await Self.children(owner, of: "dose_entries")
            #expect(
                made == Set(((thisYear - 1)...(thisYear + 2)).map { "dose_entries_y\($0)" } + ["dose_entries_default"]))
            #expect(try await Self.children(owner, of: "lab_readings").count == made.count)

            // MUT
            try await test.store.apply(changes, scope: .service(actor: "setup"))

            // validate: a year with a partition holds its rows; the others wait in the default partition, until the
            // migrator (which runs at every start of the service) gives each its own partition.
            for waiting in [true, false] {
                for table in ["dose_entries", "lab_readings"] {
                    let placed = try await Self.partitions(owner, of: table)
                    let ends =
                        table == "dose_entries"
                        ? changes.newDoseEntries.map { ($0.id.description, $0.periodEnd.year) }
                        : changes.newLabReadings.map { ($0.id.description, $0.periodEnd.year) }
                    for (id, year) in ends {
                        let own = !waiting || ((thisYear - 1)...(thisYear + 2)).contains(year)
                        #expect(placed[id] == (own ? "\(table)_y\(year)" : "\(table)_default"))
                    }
                }
                let ordered = changes.newDoseEntries.sorted { ($0.periodEnd, $0.id) < ($1.periodEnd, $1.id) }
                #expect(try await test.store.doseEntries(of: employment.personID, scope: onlyA) == ordered)
                #expect(Set(try await test.store.labReadings(of: a.id, scope: onlyA)) == Set(changes.newLabReadings))
                try await PostgresMigrator.migrate(
                    ownerURL: owner, applicationRole: app.username, logger: TestLog.quiet)
            }
            // Only the years that have rows were added, not the decades between them.
            let years = Set(YearSpanContractTests.ends.map { Int($0.prefix(4)) ?? 0 })
            #expect(
                try await Self.children(owner, of: "dose_entries")
                    == made.union(years.map { "dose_entries_y\($0)" }))
            #expect(try await Self.everything(owner, "SELECT count(*)::text FROM dose_entries_default") == ["0"])
            #expect(try await Self.everything(owner, "SELECT count(*)::text FROM lab_readings_default") == ["0"])
            // A row for 1962 now goes straight to its partition.
            var late = ChangeSet()
            let entry = try YearSpanContractTests.entry(employment, ending: "1962-09-30")
            late.newDoseEntries = [entry]
            try await test.store.apply(late, scope: .service(actor: "late"))
            #expect(try await Self.partitions(owner, of: "dose_entries")[entry.id.description] == "dose_entries_y1962")
        }
    }

    @Test(
        "every partition is under forced row-level security, reached only through its table; key tables take rows only",
        .enabled(if: enabled))
    func partitionsAreGuarded() async throws {
        try await withTestStore(.postgres) { test in
            let owner = try #require(test.postgres?.owner)
            let app = try #require(test.postgres?.app)
            let (a, _, _, changes) = try YearSpanContractTests.population()
            try await test.store.apply(changes, scope: .service(actor: "setup"))

            for table in ["dose_entries", "lab_readings"] {
                let partitions = try await Self.children(owner, of: table)
                #expect(partitions.count >= 5)
                let guarded = try await PostgresTestDatabase.strings(
                    owner,
                    """
                    SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = '\(table)'::regclass AND c.relrowsecurity AND c.relforcerowsecurity
                    """)
                #expect(Set(guarded) == partitions)
                // A year's partition ("…_default" sorts before "…_y…").
                let year = try #require(partitions.sorted().last)
                await #expect(throws: (any Error).self) {
                    try await PostgresTestDatabase.run(app, "SELECT count(*) FROM \(year)")
                }
                // Through the table, row-level security still decides: A's rows only with A in scope.
                let seen = try await PostgresTestDatabase.session(
                    app,
                    [
                        "SELECT set_config('sievert.organisations', '\(a.id)', false)",
                        "SELECT count(*)::text FROM \(table)",
                    ])
                #expect(seen == ["\(YearSpanContractTests.ends.count)"])
                #expect(try await PostgresTestDatabase.strings(app, "SELECT count(*)::text FROM \(table)") == ["0"])
            }
            for table in ["dose_entry_ids", "lab_reading_ids"] {
                await #expect(throws: (any Error).self) {
                    try await PostgresTestDatabase.run(app, "SELECT count(*) FROM \(table)")
                }
                #expect(
                    try await Self.everything(owner, "SELECT count(*)::text FROM \(table)")
                        == ["\(YearSpanContractTests.ends.count)"])
            }
            // The application may not make or move partitions.
            await #expect(throws: (any Error).self) {
                try await PostgresTestDatabase.run(app, "SELECT sievert_create_year_partitions(1900, 1900)")
            }
        }
    }

    @Test(
        "tables written before partitioning are converted with every row, reference, index, policy and grant",
        .enabled(if: enabled))
    func conversionKeepsEverything() async throws {
        let urls = try await PostgresTestDatabase.create(through: "0007_incidents")
        let store = PostgresRecordStore(url: urls.app, maximumConnections: 2, logger: TestLog.quiet)
        do {
            // setup: the rows written to the tables as they were, one correction among them.
            let (a, _, employment, initial) = try YearSpanContractTests.population()
            var changes = initial
            let corrected = changes.newDoseEntries[2]
            changes.newDoseEntries.append(
                try YearSpanContractTests.entry(
                    employment, ending: corrected.periodEnd.iso, supersedes: corrected.id))
            try await store.apply(changes, scope: .service(actor: "setup"))
            let onlyA = StoreScope.organisation(a.id, actor: "lead-a")
            let before = try await store.doseEntries(of: employment.personID, scope: onlyA)
            let readings = try await store.labReadings(of: a.id, scope: onlyA)
            #expect(
                try await PostgresTestDatabase.strings(urls.owner, "SELECT count(*)::text FROM pg_inherits") == ["0"])

            // MUT
            try await store.close()
            try await PostgresMigrator.migrate(
                ownerURL: urls.owner, applicationRole: urls.app.username, logger: TestLog.quiet)

            // validate
            let after = PostgresRecordStore(url: urls.app, maximumConnections: 2, logger: TestLog.quiet)
            #expect(try await after.doseEntries(of: employment.personID, scope: onlyA) == before)
            #expect(try await after.labReadings(of: a.id, scope: onlyA) == readings)
            try await after.close()
            let placed = try await Self.partitions(urls.owner, of: "dose_entries")
            for row in before { #expect(placed[row.id.description] == "dose_entries_y\(row.periodEnd.year)") }
            let constraints = try await PostgresTestDatabase.strings(
                urls.owner,
                """
                SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid IN ('dose_entries'::regclass, 'lab_readings'::regclass) ORDER BY conname
                """)
            #expect(
                constraints == [
                    "dose_entries_employment_id_fkey FOREIGN KEY (employment_id) REFERENCES employments(id)",
                    "dose_entries_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisations(id)",
                    "dose_entries_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id)",
                    "dose_entries_pkey PRIMARY KEY (id, period_end)",
                    "dose_entries_reading_id_fkey FOREIGN KEY (reading_id) REFERENCES lab_reading_ids(id)",
                    "dose_entries_supersedes_fkey FOREIGN KEY (supersedes) REFERENCES dose_entry_ids(id) "
                        + "DEFERRABLE INITIALLY DEFERRED",
                    "lab_readings_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisations(id)",
                    "lab_readings_pkey PRIMARY KEY (id, period_end)",
                ])
            let indexes = try await PostgresTestDatabase.strings(
                urls.owner,
                """
                SELECT indexname::text FROM pg_indexes WHERE tablename IN ('dose_entries', 'lab_readings')
                ORDER BY indexname
                """)
            #expect(
                indexes == [
                    "dose_entries_by_organisation", "dose_entries_by_person", "dose_entries_by_reading",
                    "dose_entries_pkey", "lab_readings_by_organisation", "lab_readings_pkey",
                ])
            let guarded = try await PostgresTestDatabase.strings(
                urls.owner,
                """
                SELECT c.relname::text || ' ' || p.polname::text FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid
                WHERE c.relname IN ('dose_entries', 'lab_readings', 'lab_reading_ids')
                    AND c.relrowsecurity AND c.relforcerowsecurity ORDER BY 1
                """)
            #expect(guarded == ["dose_entries tenant", "lab_reading_ids tenant", "lab_readings tenant"])
            let role = urls.app.username
            let rights = try await PostgresTestDatabase.strings(
                urls.owner,
                """
                SELECT t || ' ' || p FROM unnest(ARRAY['dose_entries', 'lab_readings', 'dose_entry_ids',
                    'lab_reading_ids']) AS t, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p
                WHERE has_table_privilege('\(role)', t, p) ORDER BY 1
                """)
            #expect(
                rights == [
                    "dose_entries INSERT", "dose_entries SELECT", "dose_entry_ids INSERT", "lab_reading_ids INSERT",
                    "lab_readings INSERT", "lab_readings SELECT",
                ])
            #expect(
                try await Self.everything(urls.owner, "SELECT count(*)::text FROM dose_entry_ids")
                    == ["\(before.count)"])
            await PostgresTestDatabase.drop(urls.owner)
        } catch {
            try? await store.close()
            await PostgresTestDatabase.drop(urls.owner)
            throw error
        }
    }
}

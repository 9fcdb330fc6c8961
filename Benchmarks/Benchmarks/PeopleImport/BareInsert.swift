import Benchmark
import BenchmarkFixtures
import DoseCore
import Foundation
import GRDB

/// The baseline: the same number of rows into a table shaped like `people`, through GRDB with the store's
/// pragmas, one transaction and a cached prepared statement — and nothing else: no CSV parsing, matching,
/// sealing, key or employment rows, audit events or secondary indexes.
enum BareInsert {
    /// The `people` columns (SQLiteMigrations 0001), with plaintext where the store keeps ciphertext.
    static let schema = """
        CREATE TABLE people (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL,
            status TEXT NOT NULL,
            is_canary INTEGER NOT NULL,
            nino_index INTEGER,
            source_index INTEGER,
            forenames TEXT, surname TEXT, date_of_birth TEXT, sex TEXT, nino TEXT,
            email TEXT, phone TEXT, address TEXT, postcode TEXT, date_of_death TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT
        """
    static let insert = "INSERT INTO people VALUES (\(Array(repeating: "?", count: 18).joined(separator: ", ")))"

    /// One row of values per synthetic person, made before any measurement.
    static func rows(count: Int) throws -> [[DatabaseValue]] {
        let now = Date()
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let organisation = OrganisationID.generate(now: now).description
        var random = SystemRandomNumberGenerator()
        return try SyntheticPeopleFile.records(count: count, organisationCode: "BARE").map { record in
            let identity = record.identity
            let contact = record.contact
            let values: [(any DatabaseValueConvertible)?] = [
                // Time-ordered UUIDv7 text ids, as the importer makes them.
                PersonID.generate(now: now).description, organisation, record.status.rawValue, false,
                // Blind indexes are 64-bit HMACs: random integers have the same spread.
                Int64.random(in: .min ... .max, using: &random), Int64.random(in: .min ... .max, using: &random),
                identity.forenames, identity.surname, identity.dateOfBirth?.iso, identity.sex?.rawValue,
                identity.nino?.value, contact.email, contact.phone, contact.address, contact.postcode,
                record.dateOfDeath?.iso, millis, millis,
            ]
            return values.map { $0?.databaseValue ?? .null }
        }
    }

    static func measure(_ benchmark: Benchmark, rows: [[DatabaseValue]]) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let pool = try DatabasePool(path: directory.path + "/bare.sqlite", configuration: storeConfiguration())
        try pool.write { db in try db.execute(sql: schema) }

        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        try pool.write { db in
            let statement = try db.cachedStatement(sql: insert)
            for row in rows {
                try statement.execute(arguments: StatementArguments(row))
            }
        }
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        let stored = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM people") }
        precondition(stored == rows.count, "expected \(rows.count) rows, found \(stored ?? 0)")
        benchmark.recordRowRate(rows: rows.count, over: elapsed)
        try pool.close()
    }

    /// The pragmas `SQLiteRecordStore` sets on every connection (64 MiB page cache).
    static func storeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = \(-64 * 1024)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }
}

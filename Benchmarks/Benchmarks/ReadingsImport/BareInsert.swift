import Benchmark
import BenchmarkFixtures
import DoseCore
import Foundation
import GRDB
import Interchange
import SievertStorage

/// The baseline: the rows the import writes to `lab_readings` and `dose_entries` for the same file, into two
/// tables of the same columns through GRDB with the store's pragmas, in one transaction with a cached prepared
/// statement per table — and nothing else: no parsing, participant lookup, netting, sealing (amounts and cells
/// are plaintext), audit events, secondary indexes, foreign keys or triggers.
enum BareReadingsInsert {
    /// The columns of `lab_readings` and `dose_entries` (SQLiteMigrations 0003–0004), plaintext where the store
    /// keeps ciphertext.
    static let schema = """
        CREATE TABLE lab_readings (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL,
            serial TEXT NOT NULL,
            version INTEGER NOT NULL,
            participant_code TEXT,
            dosemeter_type TEXT,
            position TEXT NOT NULL,
            period_begin TEXT NOT NULL,
            period_end TEXT NOT NULL,
            status TEXT NOT NULL,
            cells TEXT NOT NULL,
            imported_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE dose_entries (
            id TEXT PRIMARY KEY NOT NULL,
            organisation_id TEXT NOT NULL,
            employment_id TEXT NOT NULL,
            person_id TEXT NOT NULL,
            period_begin TEXT NOT NULL,
            period_end TEXT NOT NULL,
            quantity TEXT NOT NULL,
            kind TEXT NOT NULL,
            supersedes TEXT,
            amount TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            reading_id TEXT
        ) STRICT
        """
    static let insertReading =
        "INSERT INTO lab_readings VALUES (\(Array(repeating: "?", count: 12).joined(separator: ", ")))"
    static let insertEntry =
        "INSERT INTO dose_entries VALUES (\(Array(repeating: "?", count: 12).joined(separator: ", ")))"

    /// One `lab_readings` row (the organisation and import time are the same for all).
    struct Reading: Sendable {
        var id: String
        var serial: String
        var version: Int
        var participantCode: String?
        var dosemeterType: String?
        var position: String
        var periodBegin: String
        var periodEnd: String
        var status: String
        var cells: String
    }

    /// One `dose_entries` row.
    struct Entry: Sendable {
        var id: String
        var employmentID: String
        var personID: String
        var periodBegin: String
        var periodEnd: String
        var quantity: String
        var kind: String
        var supersedes: String?
        var amount: String
        var readingID: String
    }

    struct Rows: Sendable {
        var organisationID: String
        var importedAt: Int64
        var readings: [Reading] = []
        var entries: [Entry] = []
    }

    /// The rows for the synthetic file of `readings` readings, made before any measurement: the file is parsed
    /// and each wearer reading gives one entry per quantity as the import decides (net of its batch's control,
    /// `M` as zero, none when unused, one per quantity of its kind when damaged or lost, a reissue superseding).
    static func rows(readings count: Int) throws -> Rows {
        let file = SyntheticLabFile.make(readings: count)
        let parsed = LabReadingsCSV.parse(file.bytes, dateFormat: .iso)
        guard parsed.isValid else { throw FixtureError(description: "invalid file: \(parsed.problems.prefix(3))") }
        let now = Date()
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let organisation = OrganisationID.generate(now: now).description
        // Time-ordered ids in insertion order, so both primary keys are appended to.
        var readingIDs = (0..<parsed.readings.count).map { _ in Identifier<LabReadingTag>.generate(now: now) }.sorted()
            .makeIterator()
        var entryIDs = (0..<(file.doseEntries + 16)).map { _ in DoseEntryID.generate(now: now) }.sorted()
            .makeIterator()
        var owners: [String: (person: String, employment: String)] = [:]
        for code in file.participantCodes {
            owners[code] = (PersonID.generate(now: now).description, EmploymentID.generate(now: now).description)
        }
        var controls: [String: LabReading] = [:]
        for reading in parsed.readings where reading.isControl {
            controls["\(reading.period)#\(reading.dosemeterType ?? "*")"] = reading
        }
        var latest: [String: String] = [:]  // serial#quantity → entry id
        var rows = Rows(organisationID: organisation, importedAt: millis)
        for reading in parsed.readings.sorted(by: {
            ($0.serial, $0.version, $0.line) < ($1.serial, $1.version, $1.line)
        }) {
            guard let readingID = readingIDs.next()?.description else { throw FixtureError(description: "ids") }
            let cells =
                "{\"hp10\":\"\(reading.cells.hp10.text)\",\"hp007\":\"\(reading.cells.hp007.text)\","
                + "\"hp3\":\"\(reading.cells.hp3.text)\",\"neutron\":\"\",\"note\":\"\(reading.note ?? "")\"}"
            rows.readings.append(
                Reading(
                    id: readingID, serial: reading.serial, version: reading.version,
                    participantCode: reading.participantCode, dosemeterType: reading.dosemeterType,
                    position: reading.position.rawValue, periodBegin: reading.period.begin.iso,
                    periodEnd: reading.period.end.iso, status: reading.status.rawValue, cells: cells))
            guard let code = reading.participantCode, let owner = owners[code] else { continue }
            let control = controls["\(reading.period)#\(reading.dosemeterType ?? "*")"]
            for (quantity, microsieverts, below, kind) in doses(reading, control: control) {
                guard let entryID = entryIDs.next()?.description else { throw FixtureError(description: "ids") }
                let slot = "\(reading.serial)#\(quantity.rawValue)"
                rows.entries.append(
                    Entry(
                        id: entryID, employmentID: owner.employment, personID: owner.person,
                        periodBegin: reading.period.begin.iso, periodEnd: reading.period.end.iso,
                        quantity: quantity.rawValue, kind: kind, supersedes: latest[slot],
                        amount: "{\"microsieverts\":\(microsieverts),\"belowReportingLevel\":\(below)}",
                        readingID: readingID))
                latest[slot] = entryID
            }
        }
        precondition(rows.readings.count == file.readings, "expected \(file.readings) readings")
        precondition(rows.entries.count == file.doseEntries, "expected \(file.doseEntries) entries")
        return rows
    }

    /// The entries of a wearer reading, as the import makes them (notional amounts simplified to a constant:
    /// the baseline writes a plaintext number either way).
    private static func doses(_ reading: LabReading, control: LabReading?) -> [(Quantity, Int64, Bool, String)] {
        switch reading.status {
        case .unused, .notReported:
            return []
        case .damaged, .lost:
            return reading.kind.quantities.map { ($0, 1_667, false, "notional") }
        case .measured:
            return reading.kind.quantities.compactMap { quantity in
                switch reading.cell(for: quantity) {
                case .blank: return nil
                case .belowReportingLevel: return (quantity, 0, true, "measured")
                case .dose(let gross):
                    var background: Int64 = 0
                    if case .dose(let dose) = control?.cell(for: quantity) { background = dose.microsieverts }
                    return (quantity, max(0, gross.microsieverts - background), false, "measured")
                }
            }
        }
    }

    static func measure(_ benchmark: Benchmark, rows: Rows) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let pool = try DatabasePool(path: directory.path + "/bare.sqlite", configuration: storeConfiguration())
        try pool.write { db in try db.execute(sql: schema) }

        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        try pool.write { db in
            let readings = try db.cachedStatement(sql: insertReading)
            // Arguments are bound per row, as the store's writer binds them.
            for row in rows.readings {
                try readings.execute(arguments: [
                    row.id, rows.organisationID, row.serial, row.version, row.participantCode, row.dosemeterType,
                    row.position, row.periodBegin, row.periodEnd, row.status, row.cells, rows.importedAt,
                ])
            }
            let entries = try db.cachedStatement(sql: insertEntry)
            for row in rows.entries {
                try entries.execute(arguments: [
                    row.id, rows.organisationID, row.employmentID, row.personID, row.periodBegin, row.periodEnd,
                    row.quantity, row.kind, row.supersedes, row.amount, rows.importedAt, row.readingID,
                ])
            }
        }
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        let stored = try pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM lab_readings") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM dose_entries") ?? 0
            )
        }
        precondition(
            stored.0 == rows.readings.count && stored.1 == rows.entries.count,
            "expected \(rows.readings.count) readings and \(rows.entries.count) entries, found \(stored)")
        benchmark.recordReadingRate(rows.readings.count, over: elapsed)
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

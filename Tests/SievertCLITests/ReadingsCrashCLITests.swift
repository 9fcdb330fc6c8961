import DoseCore
import Foundation
import SievertApp
import SievertPostgres
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sievert import readings` killed with SIGKILL in the middle of writing a large file, on the store the CLI is
/// pointed at: afterwards the file is in the store whole or not at all, and importing it again leaves exactly the
/// dose of record one clean import makes.
@Suite("sievert import readings: killed mid-import", .serialized)
struct ReadingsCrashCLITests {
    static let console = Caller.console(requestID: "crash-test")
    static let organisation = "CRASH"
    static let wearers = 100
    /// Monthly periods from January 1986: 30 years. With 100 wearers, 36,000 readings: in a debug build the import
    /// takes long enough (over ten seconds) for its transaction to be caught writing.
    static let months = 360

    @Test(
        "killed mid-import, restarted and imported again: the dose of record equals one clean import's",
        arguments: StoreKind.available)
    func killedMidImport(kind: StoreKind) async throws {
        let file = LabFile(wearers: Self.wearers, months: Self.months)
        let crashed = try await TestRuntime.make(kind)
        let clean = try await TestRuntime.make(kind)
        let path = crashed.dataDirectory + "-readings.csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            try await Self.prepare(crashed, codes: file.codes)
            try await Self.prepare(clean, codes: file.codes)
            await crashed.runtime.close()
            await clean.runtime.close()

            // One clean import: the reference.
            let reference = try await Self.importReadings(path, into: clean)
            #expect(reference.status == 0, "\(reference.errorText)")

            // The same file killed while its transaction is being written.
            let killed = try await Self.killWhileWriting(path, into: crashed)
            #expect(killed, "the import finished before it could be killed: make the file larger")

            // Whole or nothing after the crash, never part of it.
            let afterCrash = try await Self.storedReadings(crashed)
            #expect(afterCrash == 0 || afterCrash == file.rows, "\(afterCrash) of \(file.rows) readings stored")

            // Restarted, the same file again: everything, once.
            let again = try await Self.importReadings(path, into: crashed)
            #expect(again.status == 0, "\(again.errorText)")
            #expect(try await Self.storedReadings(crashed) == file.rows)
            let recovered = try await Self.doseOfRecord(crashed, codes: file.codes)
            let expected = try await Self.doseOfRecord(clean, codes: file.codes)
            #expect(expected.values.reduce(0) { $0 + $1.count } == file.expectedEntries)
            #expect(recovered == expected)
        } catch {
            await crashed.dispose()
            await clean.dispose()
            throw error
        }
        await crashed.dispose()
        await clean.dispose()
    }

    /// Registers the organisation and one wearer per code, each holding that participant code.
    static func prepare(_ test: TestRuntime, codes: [String]) async throws {
        let sievert = test.sievert
        _ = try await sievert.organisations.register(
            NewOrganisation(code: organisation, name: "Crash Test Trust", kind: "nhs-trust"), by: console)
        for (index, code) in codes.enumerated() {
            var input = NewPerson(surname: "Wearer")
            input.staffNumber = "S\(index)"
            let person = try await sievert.people.register(input, in: organisation, by: console)
            _ = try await sievert.participants.codes(for: person.id, adopting: code, by: console)
        }
    }

    /// The CLI's arguments for `test`'s data directory and, on PostgreSQL, its database.
    static func arguments(_ test: TestRuntime) -> (arguments: [String], environment: [String: String]) {
        var arguments = ["--data-dir", test.dataDirectory, "--log-level", "error"]
        var environment: [String: String] = [:]
        let settings = test.runtime.settings
        if let url = settings.postgresURL {
            arguments += ["--postgres-url", url]
            environment["SIEVERT_POSTGRES_APP_ROLE"] = settings.postgresApplicationRole
        }
        if let owner = settings.postgresOwnerURL { arguments += ["--postgres-owner-url", owner] }
        return (arguments, environment)
    }

    static func importReadings(_ path: String, into test: TestRuntime) async throws -> ProcessRunner.Result {
        let (options, environment) = arguments(test)
        return try await ProcessRunner.run(
            CLIHarness.executable, ["import", "readings", path, "--org", organisation] + options,
            environment: environment)
    }

    /// Starts the import and sends SIGKILL once its transaction has written to the database; false when the
    /// process ended before that.
    static func killWhileWriting(_ path: String, into test: TestRuntime) async throws -> Bool {
        let (options, environment) = arguments(test)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.executable)
        process.arguments = ["import", "readings", path, "--org", organisation] + options
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let probe = WriteProbe(test)
        let deadline = ContinuousClock.now + .seconds(600)
        while process.isRunning && ContinuousClock.now < deadline {
            if try await probe.writing() {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return process.terminationReason == .uncaughtSignal
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return false
    }

    /// Readings of the organisation in the store, read through a freshly opened runtime.
    static func storedReadings(_ test: TestRuntime) async throws -> Int {
        try await withRuntime(test) { runtime in
            let sievert = runtime.sievert
            let organisation = try #require(
                try await sievert.store.organisation(code: organisation, scope: console.scope))
            return try await sievert.store.labReadings(of: organisation.id, scope: console.scope).count
        }
    }

    /// What a dose of record holds, as two imports of the same file must agree: per participant code, every entry's
    /// period, quantity, kind, amount, reporting-level mark and whether it still counts (ids and times differ).
    static func doseOfRecord(_ test: TestRuntime, codes: [String]) async throws -> [String: [String]] {
        try await withRuntime(test) { runtime in
            let sievert = runtime.sievert
            let organisation = try #require(
                try await sievert.store.organisation(code: organisation, scope: console.scope))
            var record: [String: [String]] = [:]
            for participant in try await sievert.store.participants(of: organisation.id, scope: console.scope) {
                let history = try await sievert.doses.history(of: participant.personID, by: console)
                record[participant.code] = history.entries.map {
                    "\($0.periodBegin)|\($0.periodEnd)|\($0.quantity)|\($0.kind)|\($0.mSv)|\($0.belowReportingLevel)|"
                        + "\($0.counts)|\($0.supersedes == nil ? "original" : "reissue")"
                }.sorted()
            }
            #expect(Set(record.keys) == Set(codes))
            return record
        }
    }

    static func withRuntime<T: Sendable>(
        _ test: TestRuntime, _ body: (SievertRuntime) async throws -> T
    ) async throws -> T {
        let runtime = try await SievertRuntime.open(test.runtime.settings, logger: TestLog.quiet)
        do {
            let result = try await body(runtime)
            await runtime.close()
            return result
        } catch {
            await runtime.close()
            throw error
        }
    }
}

/// Tells whether the import's transaction has begun writing: on SQLite, pages in the write-ahead log (the store
/// was closed, so the log starts empty and nothing else writes); on PostgreSQL, a session of the application role
/// holding a transaction id, which only a transaction that has written gets.
struct WriteProbe {
    let test: TestRuntime

    init(_ test: TestRuntime) {
        self.test = test
    }

    func writing() async throws -> Bool {
        switch test.kind {
        case .sqlite:
            let wal = test.runtime.settings.sqlitePath + "-wal"
            let size = (try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int ?? 0
            return size > 4 << 20
        case .postgres:
            guard let url = test.runtime.settings.postgresURL else { return false }
            let count = try await PostgresTestDatabase.strings(
                try PostgresURL(url),
                """
                SELECT count(*)::text FROM pg_stat_activity
                WHERE usename = current_user AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
                """)
            return (count.first.flatMap(Int.init) ?? 0) > 0
        }
    }
}

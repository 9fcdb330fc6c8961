import DoseCore
import Foundation
import Ledger
import Logging
import SievertApp
import SievertPostgres
import SievertServices
import SievertStorage
import SievertTestSupport
import Synchronization
import Testing

/// Settings that keep a test's PostgreSQL connections few: the server is shared with every other test running.
let smallPool = ["postgres.pool.size": "2"]

/// A store to restore into, as an operator makes one: a new data directory and, for PostgreSQL, a new database
/// that is not migrated; the source's root key file named explicitly (the restore never generates one).
struct RestoreTarget {
    let settings: SievertSettings
    let directory: String
    let postgresOwner: PostgresURL?

    static func make(_ kind: StoreKind, rootKeyFile: String, flags: [String: String] = [:]) async throws
        -> RestoreTarget
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sievert-restore-\(UUID().uuidString)"
        ).path
        var values = ["data.dir": directory, "demo": "false", "root.key.file": rootKeyFile]
        var owner: PostgresURL?
        if kind == .postgres {
            let urls = try await PostgresTestDatabase.createEmpty()
            values["postgres.url"] = urls.app.secretDescription
            values["postgres.owner.url"] = urls.owner.secretDescription
            values["postgres.app.role"] = urls.app.username
            owner = urls.owner
        }
        return RestoreTarget(
            settings: SievertSettings.from(flags: values.merging(flags) { $1 }, environment: [:]),
            directory: directory, postgresOwner: owner)
    }

    /// The restored store's runtime.
    func open() async throws -> SievertRuntime {
        try await SievertRuntime.open(settings, logger: TestLog.quiet)
    }

    /// Objects in the target database, or whether the data directory exists: what "untouched" is checked against.
    func footprint() async throws -> String {
        if let postgresOwner {
            return "objects: \(try await PostgresBackup.objectCount(owner: postgresOwner, logger: TestLog.quiet))"
        }
        guard FileManager.default.fileExists(atPath: directory) else { return "no data directory" }
        return (try FileManager.default.subpathsOfDirectory(atPath: directory)).sorted().joined(separator: ",")
    }

    func dispose() async {
        if let postgresOwner { await PostgresTestDatabase.drop(postgresOwner) }
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: settings.effectiveWitnessDirectory)
    }
}

/// Runs `body` with a restore target of `kind`, removed afterwards.
func withRestoreTarget<T>(
    _ kind: StoreKind, rootKeyFile: String, flags: [String: String] = [:], _ body: (RestoreTarget) async throws -> T
) async throws -> T {
    let target = try await RestoreTarget.make(kind, rootKeyFile: rootKeyFile, flags: flags)
    do {
        let result = try await body(target)
        await target.dispose()
        return result
    } catch {
        await target.dispose()
        throw error
    }
}

/// A directory for a backup, removed afterwards.
func withBackupDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sievert-backup-\(UUID().uuidString)")
        .path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

extension TestRuntime {
    /// The development root key file the runtime made: what a restore of its backups is given.
    var rootKeyFile: String { runtime.settings.developmentKeyFile }
}

/// Every sealed row a comparison needs, read straight from a store.
struct StoreContents: Equatable {
    var people: [PersonID: PersonRecord] = [:]
    var doses: [PersonID: [DoseEntryRow]] = [:]
    var events: [AuditEventRow] = []

    var doseCount: Int { doses.values.map(\.count).reduce(0, +) }

    static func read(_ store: any RecordStore) async throws -> StoreContents {
        let scope = Caller.console().scope
        var contents = StoreContents()
        for organisation in try await store.organisations(scope: scope) {
            try await store.forEachPeoplePage(of: organisation.id, includeCanaries: true, scope: scope) { page in
                for record in page {
                    contents.people[record.person.id] = record
                    contents.doses[record.person.id] = try await store.doseEntries(of: record.person.id, scope: scope)
                }
            }
        }
        while true {
            let page = try await store.auditEvents(after: contents.events.last?.sequence ?? 0, limit: 5000)
            guard !page.isEmpty else { break }
            contents.events += page
        }
        return contents
    }
}

/// Registers people and records a dose for each, one after the other, through the services, until stopped.
final class WriteLoad: Sendable {
    private let state = Mutex((written: 0, stopped: false))
    static let console = Caller.console(requestID: "write-load")

    var written: Int { state.withLock { $0.written } }

    func stop() { state.withLock { $0.stopped = true } }

    /// One person with a dose entry.
    static func write(_ index: Int, into sievert: Sievert, organisation: String) async throws {
        var input = NewPerson(surname: "Loadwriter\(index)")
        input.forenames = "Person\(index)"
        input.staffNumber = "LW-\(index)"
        input.startDate = "2020-01-01"
        input.dateOfBirth = "1980-01-\(String(format: "%02d", index % 28 + 1))"
        let person = try await sievert.people.register(input, in: organisation, by: console)
        _ = try await sievert.doses.record(
            NewDoseEntry(
                periodBegin: "2025-01-01", periodEnd: "2025-01-31", quantity: "effective", kind: "estimated",
                mSv: "0.\(index % 9 + 1)5"),
            for: person.id, by: console)
    }

    /// Writes until ``stop()``, starting at `first`.
    func run(_ sievert: Sievert, organisation: String, first: Int) async throws {
        var index = first
        while !state.withLock({ $0.stopped }) {
            try await Self.write(index, into: sievert, organisation: organisation)
            index += 1
            state.withLock { $0.written += 1 }
        }
    }

    /// Waits until at least `count` writes are done.
    func waitFor(_ count: Int) async throws {
        while written < count { try await Task.sleep(for: .milliseconds(10)) }
    }
}

/// A source store with `people` people (each with one dose entry) at organisation BKP.
func seedBackupSource(_ sievert: Sievert, people: Int) async throws {
    _ = try await sievert.organisations.register(
        NewOrganisation(code: "BKP", name: "Backup Test Trust", kind: "nhs-trust"), by: WriteLoad.console)
    for index in 0..<people { try await WriteLoad.write(index, into: sievert, organisation: "BKP") }
}

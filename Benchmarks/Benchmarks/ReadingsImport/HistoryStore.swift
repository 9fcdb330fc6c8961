import BenchmarkFixtures
import DoseCore
import Foundation
import Linkage
import Logging
import SievertApp
import SievertSQLite
import SievertServices
import SievertStorage
import Vault

/// The store the history benchmark reads, built once and kept in `Benchmarks/.build-data/` (ignored by git):
/// `wearers` synthetic people in ten organisations, each with 40 years of monthly measured entries (1986–2025):
/// effective and skin dose every month and the lens dose one month in twelve, 1,000 entries a wearer. A month
/// in ten has a dose of 0.01–2.00 mSv per quantity, the rest are below the reporting level.
///
/// People are registered through the people import. The entries are written through `SQLiteRecordStore.apply`
/// (the store's own insert, with its checks) in change sets of five months, in period order as a service
/// accumulates them, so each wearer's entries are spread across the file as in a real store. Building them
/// through the readings import would take far longer (and add a reading per entry and audit events, which the
/// history does not read); instead each amount is sealed exactly as `DoseSealing` seals it (the same JSON, under
/// the person's data key, bound to organisation | dose_entries | amount | entry id), which is internal to
/// SievertServices and so mirrored here. The measured call opens every entry with the real code, so a mismatch
/// fails the benchmark rather than passing unnoticed.
struct HistoryStore {
    let wearers: Int
    let entriesPerWearer: Int

    static let organisations = 10
    static let firstYear = 1986
    static let years = 40
    /// Bumped whenever the content changes, so an old cached store is rebuilt.
    static let format = 1
    static let silent = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }

    /// `Benchmarks/.build-data/history-<wearers>x<entries>/`.
    var directory: String {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return package.appendingPathComponent(".build-data/history-\(wearers)x\(entriesPerWearer)").path
    }

    var settings: SievertSettings {
        SievertSettings.from(flags: ["data.dir": directory + "/data", "demo": "false"], environment: [:])
    }

    private var markerPath: String { directory + "/complete.json" }

    /// Written last: a store without it (or with another format) is incomplete and rebuilt.
    struct Marker: Codable {
        var format: Int
        var wearers: Int
        var entries: Int
        var firstWearer: String
        var lifetimeEffective: String
        var buildSeconds: Int
    }

    private var marker: Marker? {
        guard let data = FileManager.default.contents(atPath: markerPath),
            let marker = try? JSONDecoder().decode(Marker.self, from: data),
            marker.format == Self.format, marker.wearers == wearers, marker.entries == wearers * entriesPerWearer
        else { return nil }
        return marker
    }

    func firstWearer() -> PersonID? { marker.flatMap { PersonID($0.firstWearer) } }
    func expectedLifetimeEffective() -> String? { marker?.lifetimeEffective }

    func buildIfMissing() async throws {
        guard marker == nil else { return }
        precondition(entriesPerWearer == Self.years * 12 * 2 + Self.years, "1,000 entries a wearer are built")
        precondition(wearers % Self.organisations == 0, "wearers must split evenly across the organisations")
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let started = ContinuousClock.now
        log("building the history store in \(directory) (once; kept for later runs)")
        let people = try await registerPeople()
        let store = try SQLiteRecordStore(path: settings.sqlitePath, cacheSizeMiB: 1024)
        var lifetime = Dose.zero
        do {
            lifetime = try await writeEntries(people, into: store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        let seconds = Int((ContinuousClock.now - started).components.seconds)
        let marker = Marker(
            format: Self.format, wearers: wearers, entries: wearers * entriesPerWearer,
            firstWearer: people[0].person.description, lifetimeEffective: lifetime.mSvText, buildSeconds: seconds)
        try JSONEncoder().encode(marker).write(to: URL(fileURLWithPath: markerPath))
        log("history store built in \(seconds) s")
    }

    /// One wearer as the builder needs them: ids and the sealer over their data key.
    struct Wearer: Sendable {
        var person: PersonID
        var employment: EmploymentID
        var organisation: OrganisationID
        var sealer: Sealer
    }

    /// Registers the organisations and imports their people, then unwraps every person's data key.
    private func registerPeople() async throws -> [Wearer] {
        let runtime = try await SievertRuntime.open(settings, logger: Self.silent)
        do {
            let wearers = try await registerPeople(runtime)
            await runtime.close()
            return wearers
        } catch {
            await runtime.close()
            throw error
        }
    }

    private func registerPeople(_ runtime: SievertRuntime) async throws -> [Wearer] {
        let console = Caller.console(requestID: "bench-setup")
        let root = try RootKeyLoader.source(settings, logger: Self.silent).load()
        var found: [Wearer] = []
        for number in 1...Self.organisations {
            let code = "HIST\(number < 10 ? "0" : "")\(number)"
            let organisation = try await runtime.sievert.organisations.register(
                NewOrganisation(code: code, name: "History Benchmark Trust \(number)", kind: "nhs-trust"), by: console)
            let perOrganisation = wearers / Self.organisations
            let file = try SyntheticPeopleFile.bytes(
                count: perOrganisation, organisationCode: code, seed: 2026 + UInt64(number))
            let imported = try await runtime.sievert.peopleImport.run(file, by: console)
            guard imported.committed, imported.created == perOrganisation else {
                throw FixtureError(description: "people import at \(code): \(imported.created) created")
            }
            // The organisation keyset, unwrapped under the root as KeyService does.
            let org = organisation.id.description
            let keyRows = try await runtime.sievert.store.organisationKeys(of: organisation.id, scope: console.scope)
            let keyset = try KeyWrap.unwrapKeyset(
                keyRows.map(\.wrappedKey), with: root,
                context: AssociatedData(organisation: org, table: "organisation_keys", column: "key", row: org))
            var after: PersonID?
            repeat {
                let page = try await runtime.sievert.store.people(
                    of: organisation.id, after: after, limit: 500, includeCanaries: false, scope: console.scope)
                for record in page {
                    guard let employment = record.employments.first else {
                        throw FixtureError(description: "person without an employment")
                    }
                    // The person's data key, unwrapped as PersonCodec does.
                    let key = try KeyWrap.unwrapDataKey(
                        record.key.wrappedKey, with: keyset,
                        context: AssociatedData(
                            organisation: org, table: "person_keys", column: "key",
                            row: record.person.id.description))
                    found.append(
                        Wearer(
                            person: record.person.id, employment: employment.id, organisation: organisation.id,
                            sealer: Sealer(dataKey: key)))
                }
                after = page.last?.person.id
            } while after != nil
        }
        guard found.count == wearers else { throw FixtureError(description: "registered \(found.count) wearers") }
        return found
    }

    /// What `DoseSealing` seals: `{"microsieverts":…,"belowReportingLevel":…}`.
    struct Amount: Codable {
        var microsieverts: Int64
        var belowReportingLevel: Bool
    }

    /// One entry before sealing.
    struct Plain: Sendable {
        var id: DoseEntryID
        var wearer: Int
        var period: DosePeriod
        var quantity: Quantity
        var microsieverts: Int64
        var recordedAt: Date
    }

    /// Writes every entry, five months per change set; returns the first wearer's lifetime effective dose.
    private func writeEntries(_ people: [Wearer], into store: SQLiteRecordStore) async throws -> Dose {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let months = (0..<(Self.years * 12)).compactMap {
            DosePeriod.month(year: Self.firstYear + $0 / 12, month: $0 % 12 + 1)
        }
        var ids = SplitMix64(seed: 2026)
        var lifetime: Int64 = 0
        let scope = StoreScope.service(actor: "bench-setup")
        for batchStart in stride(from: 0, to: months.count, by: 5) {
            var plain: [Plain] = []
            plain.reserveCapacity(people.count * 11)
            for index in batchStart..<min(batchStart + 5, months.count) {
                let month = months[index]
                let end = month.end
                // Recorded three weeks after the period, one millisecond apart, so ids rise in insertion order.
                var recordedAt =
                    calendar.date(from: DateComponents(year: end.year, month: end.month, day: end.day, hour: 9))?
                    .addingTimeInterval(21 * 86_400) ?? Date()
                for wearer in people.indices {
                    var random = SplitMix64(seed: 0xD05E ^ UInt64(wearer) << 20 ^ UInt64(index))
                    var quantities: [Quantity] = [.effective, .skin]
                    if (index + wearer) % 12 == 0 { quantities.append(.lens) }
                    for quantity in quantities {
                        let measured = Int.random(in: 0..<10, using: &random) == 0
                        let microsieverts = measured ? Int64.random(in: 1...200, using: &random) * 10 : 0
                        recordedAt = recordedAt.addingTimeInterval(0.001)
                        plain.append(
                            Plain(
                                id: .generate(now: recordedAt, using: &ids), wearer: wearer, period: month,
                                quantity: quantity, microsieverts: microsieverts, recordedAt: recordedAt))
                        if wearer == 0, quantity == .effective { lifetime += microsieverts }
                    }
                }
            }
            var changes = ChangeSet()
            changes.newDoseEntries = try await seal(plain, people: people)
            try await store.apply(changes, scope: scope)
            if batchStart % 60 == 0 { log("  \(batchStart + 5) of \(months.count) months written") }
        }
        return Dose(microsieverts: lifetime)
    }

    /// Seals the amounts across the cores, keeping the order.
    private func seal(_ plain: [Plain], people: [Wearer]) async throws -> [DoseEntryRow] {
        let chunkSize = max(1, plain.count / 8 + 1)
        let chunks = stride(from: 0, to: plain.count, by: chunkSize).map {
            plain[$0..<min($0 + chunkSize, plain.count)]
        }
        return try await withThrowingTaskGroup(of: (Int, [DoseEntryRow]).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    let encoder = JSONEncoder()
                    return (
                        index,
                        try chunk.map { entry in
                            let wearer = people[entry.wearer]
                            let amount = try encoder.encode(
                                Amount(
                                    microsieverts: entry.microsieverts, belowReportingLevel: entry.microsieverts == 0))
                            let sealed = try wearer.sealer.seal(
                                amount,
                                binding: AssociatedData(
                                    organisation: wearer.organisation.description, table: "dose_entries",
                                    column: "amount", row: entry.id.description))
                            return DoseEntryRow(
                                id: entry.id, organisationID: wearer.organisation, employmentID: wearer.employment,
                                personID: wearer.person, periodBegin: entry.period.begin, periodEnd: entry.period.end,
                                quantity: entry.quantity.rawValue, kind: DoseEntryKind.measured.rawValue,
                                supersedes: nil, sealedAmount: sealed, recordedAt: entry.recordedAt)
                        }
                    )
                }
            }
            var results = [[DoseEntryRow]](repeating: [], count: chunks.count)
            for try await (index, rows) in group { results[index] = rows }
            return results.flatMap { $0 }
        }
    }

    private func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

extension WrappedKeyRow {
    /// The Vault form of a stored wrapped key.
    fileprivate var wrappedKey: WrappedKey {
        WrappedKey(version: KeyVersion(version), wrappingVersion: KeyVersion(wrappingVersion), envelope: envelope)
    }
}

import BenchmarkFixtures
import DoseCore
import Foundation
import Linkage
import PostgresNIO
import SievertApp
import SievertPostgres
import SievertServices
import SievertStorage
import Vault

/// Loads the record: organisations and people through the services, entries through the store (the first year) and
/// through COPY as the application role (the rest). See `main.swift`.
struct ScaleLoader {
    let settings: ScaleSettings

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: settings.recordPath) else {
            throw FixtureError(description: "\(settings.dataDirectory) already holds a load")
        }
        var seconds: [String: Double] = [:]
        let clock = ContinuousClock()
        var started = clock.now
        let runtime = try await SievertRuntime.open(settings.sievert, logger: ScaleSettings.silent)
        let wearers: [ScaleWearer]
        do {
            wearers = try await registerPeople(runtime)
        } catch {
            await runtime.close()
            throw error
        }
        seconds["people"] = (clock.now - started).seconds
        log("registered \(wearers.count) wearers in \(Int(seconds["people"] ?? 0)) s")

        // A bulk load of history makes its years' partitions first, so no row waits in the default partition.
        started = clock.now
        try await Owner.run(
            settings.owner, "SELECT sievert_create_year_partitions(\(settings.firstYear), \(ScaleSettings.lastYear))")
        seconds["partitions"] = (clock.now - started).seconds

        let plan = EntryPlan(wearers: wearers, firstYear: settings.firstYear, years: settings.years)
        var lifetime: Int64 = 0
        // The first year through the store's own insert (PostgresWriter), a change set per month.
        started = clock.now
        var written = 0
        do {
            for month in 0..<12 {
                let batch = try await plan.sealedMonth(month)
                lifetime += batch.firstWearerEffective
                var changes = ChangeSet()
                changes.newDoseEntries = batch.rows
                try await runtime.sievert.store.apply(changes, scope: .service(actor: "bench-load"))
                written += batch.rows.count
            }
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
        seconds["store"] = (clock.now - started).seconds
        seconds["storeRows"] = Double(written)
        log("store path: \(written) entries in \(String(format: "%.1f", seconds["store"] ?? 0)) s")

        // The other years through COPY into a temporary table and INSERT … SELECT, sealing the next month meanwhile.
        started = clock.now
        let (copied, copiedEffective) = try await BulkLoad(settings: settings, plan: plan).run(months: 12..<plan.months)
        lifetime += copiedEffective
        seconds["copy"] = (clock.now - started).seconds
        seconds["copyRows"] = Double(copied)
        log("copy path: \(copied) entries in \(String(format: "%.1f", seconds["copy"] ?? 0)) s")

        started = clock.now
        try await Owner.run(settings.owner, "VACUUM (ANALYZE) dose_entries, dose_entry_ids")
        seconds["vacuum"] = (clock.now - started).seconds
        log("VACUUM (ANALYZE) in \(String(format: "%.1f", seconds["vacuum"] ?? 0)) s")

        let record = LoadRecord(
            wearers: wearers.count, entries: written + copied, entriesPerWearer: plan.entriesPerWearer,
            firstWearer: wearers[0].person.description, lifetimeEffective: Dose(microsieverts: lifetime).mSvText,
            seconds: seconds)
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: settings.recordPath))
        print(
            String(
                format:
                    "load: %d wearers; %d entries (store path %d in %.1f s = %.0f/s; COPY path %d in %.1f s = %.0f/s);"
                    + " people %.1f s; VACUUM ANALYZE %.1f s",
                wearers.count, written + copied, written, seconds["store"] ?? 0,
                Double(written) / max(seconds["store"] ?? 1, 0.001), copied, seconds["copy"] ?? 0,
                Double(copied) / max(seconds["copy"] ?? 1, 0.001), seconds["people"] ?? 0, seconds["vacuum"] ?? 0))
    }

    /// Registers the organisations and imports their people through the services, then unwraps every person's
    /// data key as the key service does.
    private func registerPeople(_ runtime: SievertRuntime) async throws -> [ScaleWearer] {
        let console = Caller.console(requestID: "bench-load")
        let root = try RootKeyLoader.source(settings.sievert, logger: ScaleSettings.silent).load()
        var found: [ScaleWearer] = []
        for number in 1...settings.organisations {
            let code = settings.code(number)
            let organisation = try await runtime.sievert.organisations.register(
                NewOrganisation(code: code, name: "Scale Benchmark Trust \(number)", kind: "nhs-trust"), by: console)
            let file = try SyntheticPeopleFile.bytes(
                count: settings.wearersPerOrganisation, organisationCode: code, seed: 4000 + UInt64(number))
            let imported = try await runtime.sievert.peopleImport.run(file, by: console)
            guard imported.committed, imported.created == settings.wearersPerOrganisation else {
                throw FixtureError(description: "people import at \(code): \(imported.created) created")
            }
            let org = organisation.id.description
            let keyRows = try await runtime.sievert.store.organisationKeys(of: organisation.id, scope: console.scope)
            let keyset = try KeyWrap.unwrapKeyset(
                keyRows.map {
                    WrappedKey(
                        version: KeyVersion($0.version), wrappingVersion: KeyVersion($0.wrappingVersion),
                        envelope: $0.envelope)
                }, with: root,
                context: AssociatedData(organisation: org, table: "organisation_keys", column: "key", row: org))
            try await runtime.sievert.store.forEachPeoplePage(
                of: organisation.id, includeCanaries: false, scope: console.scope
            ) { page in
                for record in page {
                    guard let employment = record.employments.first else {
                        throw FixtureError(description: "person without an employment")
                    }
                    let key = try KeyWrap.unwrapDataKey(
                        WrappedKey(
                            version: KeyVersion(record.key.version),
                            wrappingVersion: KeyVersion(record.key.wrappingVersion), envelope: record.key.envelope),
                        with: keyset,
                        context: AssociatedData(
                            organisation: org, table: "person_keys", column: "key", row: record.person.id.description))
                    found.append(
                        ScaleWearer(
                            person: record.person.id, employment: employment.id, organisation: organisation.id,
                            sealer: Sealer(dataKey: key)))
                }
            }
        }
        return found
    }
}

/// One wearer as the loader needs them: ids and the sealer over their data key.
struct ScaleWearer: Sendable {
    var person: PersonID
    var employment: EmploymentID
    var organisation: OrganisationID
    var sealer: Sealer
}

/// Runs statements as the owner role, one connection, closed afterwards.
enum Owner {
    static func run(_ url: PostgresURL, _ sql: String) async throws {
        let client = PostgresClient(
            configuration: url.configuration(maximumConnections: 1), backgroundLogger: ScaleSettings.silent)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: ScaleSettings.silent)
        }
    }
}

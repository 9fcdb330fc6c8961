import BenchmarkFixtures
import DoseCore
import Foundation
import Linkage
import SievertApp
import SievertServices
import SievertStorage

/// Times the reads a national service makes of the loaded record, through the real services (see `main.swift`).
struct ScaleMeasure {
    let settings: ScaleSettings

    struct Wearer: Sendable {
        var person: PersonID
        var organisation: OrganisationID
        var account = AccountID.generate()
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: settings.recordPath) else {
            throw FixtureError(description: "no load in \(settings.dataDirectory): run `postgres-scale load` first")
        }
        let record = try JSONDecoder().decode(LoadRecord.self, from: data)
        let runtime = try await SievertRuntime.open(settings.sievert, logger: ScaleSettings.silent)
        do {
            try await measure(runtime, record)
            await runtime.close()
        } catch {
            await runtime.close()
            throw error
        }
    }

    private func measure(_ runtime: SievertRuntime, _ record: LoadRecord) async throws {
        let sievert = runtime.sievert
        let console = Caller.console(requestID: "bench-measure")
        var found: [Wearer] = []
        let organisations = try await sievert.store.organisations(scope: console.scope)
        for organisation in organisations {
            try await sievert.store.forEachPeoplePage(
                of: organisation.id, includeCanaries: false, scope: console.scope
            ) { page in
                found += page.map { Wearer(person: $0.person.id, organisation: organisation.id) }
            }
        }
        let wearers = found
        guard wearers.count == record.wearers else {
            throw FixtureError(description: "\(wearers.count) wearers stored, the load made \(record.wearers)")
        }
        // The first wearer's record decrypts with the real code to exactly what the loader sealed.
        guard let first = wearers.first(where: { $0.person.description == record.firstWearer }) else {
            throw FixtureError(description: "the first wearer is missing")
        }
        let checked = try await sievert.doses.history(of: first.person, by: caller(first, "check"))
        let lifetime = checked.totals.first { $0.quantity == .effective }?.lifetime
        guard checked.entries.count == record.entriesPerWearer, lifetime == record.lifetimeEffective else {
            throw FixtureError(
                description: "check: \(checked.entries.count) entries, lifetime effective \(lifetime ?? "-"), expected "
                    + "\(record.entriesPerWearer) and \(record.lifetimeEffective)")
        }
        print("check: wearer \(record.firstWearer): \(checked.entries.count) entries, lifetime \(lifetime ?? "-") mSv")

        // One caller at a time, random wearers (seeded), each call timed alone.
        var random = SplitMix64(seed: 0x5CA1E)
        var times: [Duration] = []
        let clock = ContinuousClock()
        for sample in 0..<settings.samples {
            let wearer = wearers[Int.random(in: 0..<wearers.count, using: &random)]
            let who = caller(wearer, "history-\(sample)")
            let started = clock.now
            let history = try await sievert.doses.history(of: wearer.person, by: who)
            times.append(clock.now - started)
            guard history.entries.count == record.entriesPerWearer else {
                throw FixtureError(description: "\(history.entries.count) entries for \(wearer.person)")
            }
        }
        print("history, one caller: \(Self.summary(times)) (\(record.entriesPerWearer) entries a wearer)")

        // The store's read alone (query, rows, decoding; no decryption, accumulation or audit), as the wearer.
        var reads: [Duration] = []
        for _ in 0..<min(settings.samples, 500) {
            let wearer = wearers[Int.random(in: 0..<wearers.count, using: &random)]
            let scope = StoreScope.organisation(wearer.organisation, actor: "bench")
            let started = clock.now
            let rows = try await sievert.store.doseEntries(of: wearer.person, scope: scope)
            reads.append(clock.now - started)
            guard rows.count == record.entriesPerWearer else { throw FixtureError(description: "\(rows.count) rows") }
        }
        print("store read of a lifetime (no decryption): \(Self.summary(reads))")

        // Eight callers at once (the pool's size), 250 calls each.
        let concurrent = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var random = SplitMix64(seed: 0xC0C0 ^ UInt64(task))
                    var times: [Duration] = []
                    for call in 0..<250 {
                        let wearer = wearers[Int.random(in: 0..<wearers.count, using: &random)]
                        let started = ContinuousClock.now
                        _ = try await sievert.doses.history(
                            of: wearer.person, by: caller(wearer, "history-\(task)-\(call)"))
                        times.append(ContinuousClock.now - started)
                    }
                    return times
                }
            }
            let started = clock.now
            var all: [Duration] = []
            for try await times in group { all += times }
            return (all, clock.now - started)
        }
        print(
            "history, 8 callers: \(Self.summary(concurrent.0)); "
                + String(format: "%.0f calls/s", Double(concurrent.0.count) / concurrent.1.seconds))

        // An organisation's reports (the lead's view: 2,000 wearers), the service-wide CIDI return.
        guard let organisation = organisations.first else { return }
        let lead = Caller(
            actor: "token:bench-lead", role: .orgLead, organisations: .only([organisation.id]), requestID: "report")
        let year = String(ScaleSettings.lastYear)
        var reports: [Duration] = []
        var rows = 0
        for _ in 0..<5 {
            let started = clock.now
            let report = try await sievert.reports.period.report(
                organisationCode: organisation.code, period: "\(year)-12", by: lead)
            reports.append(clock.now - started)
            rows = report.rows.count
        }
        print("period report \(organisation.code) \(year)-12: \(Self.list(reports)) (\(rows) rows)")
        var annual: [Duration] = []
        for _ in 0..<3 {
            let started = clock.now
            _ = try await sievert.reports.annual.summary(organisationCode: organisation.code, year: year, by: lead)
            annual.append(clock.now - started)
        }
        print("annual summary \(organisation.code) \(year) (five years): \(Self.list(annual))")
        let started = clock.now
        let cidi = try await sievert.reports.cidi.export(year: year, by: console)
        print(
            "CIDI return \(year), every organisation's year opened: "
                + String(format: "%.0f ms", (clock.now - started).milliseconds)
                + " (\(cidi.rows) rows: the synthetic wearers are not classified)")
    }

    /// The wearer signed in: their own record only, as a session of a wearer account makes it.
    private func caller(_ wearer: Wearer, _ request: String) -> Caller {
        Caller(
            actor: "account:\(wearer.account)", role: .wearer, organisations: .only([wearer.organisation]),
            requestID: request, person: wearer.person, account: wearer.account)
    }

    static func summary(_ times: [Duration]) -> String {
        let sorted = times.sorted()
        func at(_ fraction: Double) -> Double {
            sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)].milliseconds
        }
        return String(
            format: "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms over %d calls", at(0.5), at(0.9), at(0.99),
            sorted.last?.milliseconds ?? 0, sorted.count)
    }

    static func list(_ times: [Duration]) -> String {
        times.map { String(format: "%.0f", $0.milliseconds) }.joined(separator: ", ") + " ms"
    }
}

import Benchmark
import BenchmarkFixtures
import DoseCore
import Foundation
import Linkage
import Logging
import SievertApp
import SievertSQLite
import SievertServices
import SievertStorage

/// The wearer's own lifetime history (`DoseRecordService.history`, what `GET /people/{id}/doses` serves) in an
/// embedded SQLite store holding `wearers × entriesPerWearer` dose entries. One iteration reads one random
/// wearer's record as that wearer: load and open the person, read and open every entry, accumulate the period,
/// quarter, year, five-year and lifetime totals across and per employer, append the read to the audit log.
///
/// The store is built once and kept under `Benchmarks/.build-data/` (see ``HistoryStore``); every run reuses it.
struct LifetimeHistory: Sendable {
    let runtime: SievertRuntime
    let wearers: [Wearer]
    let entriesPerWearer: Int

    static func open(wearers: Int, entriesPerWearer: Int) async throws -> LifetimeHistory {
        let store = HistoryStore(wearers: wearers, entriesPerWearer: entriesPerWearer)
        try await store.buildIfMissing()
        let runtime = try await SievertRuntime.open(store.settings, logger: HistoryStore.silent)
        do {
            let console = Caller.console(requestID: "bench-setup")
            var found: [Wearer] = []
            for organisation in try await runtime.sievert.store.organisations(scope: console.scope) {
                var after: PersonID?
                repeat {
                    let page = try await runtime.sievert.store.people(
                        of: organisation.id, after: after, limit: 500, includeCanaries: false, scope: console.scope)
                    found += page.map { Wearer(person: $0.person.id, organisation: organisation.id) }
                    after = page.last?.person.id
                } while after != nil
            }
            guard found.count == wearers else {
                throw FixtureError(description: "the history store holds \(found.count) wearers, expected \(wearers)")
            }
            let history = LifetimeHistory(runtime: runtime, wearers: found, entriesPerWearer: entriesPerWearer)
            try await history.check(store)
            return history
        } catch {
            await runtime.close()
            throw error
        }
    }

    /// The first wearer's history has every entry and the lifetime effective dose the builder wrote.
    private func check(_ store: HistoryStore) async throws {
        guard let first = wearers.first(where: { $0.person == store.firstWearer() }) ?? wearers.first else { return }
        let history = try await runtime.sievert.doses.history(of: first.person, by: caller(first, request: "check"))
        let lifetime = history.totals.first { $0.quantity == .effective }?.lifetime
        guard history.entries.count == entriesPerWearer, lifetime == store.expectedLifetimeEffective() else {
            throw FixtureError(
                description: "history check: \(history.entries.count) entries, lifetime effective \(lifetime ?? "-")")
        }
    }

    func measure(_ benchmark: Benchmark) async throws {
        var random = SplitMix64(seed: 0x5EED_0000 &+ UInt64(benchmark.currentIteration))
        let wearer = wearers[Int.random(in: 0..<wearers.count, using: &random)]
        let caller = caller(wearer, request: "bench-\(benchmark.currentIteration)")
        benchmark.startMeasurement()
        let history = try await runtime.sievert.doses.history(of: wearer.person, by: caller)
        benchmark.stopMeasurement()
        precondition(history.entries.count == entriesPerWearer, "expected \(entriesPerWearer) entries")
        blackHole(history)
    }

    struct Wearer: Sendable {
        var person: PersonID
        var organisation: OrganisationID
        /// The wearer's own account, as a signed-in session names it.
        var account = AccountID.generate()
    }

    /// The wearer signed in: their own record only, as a session of a wearer account makes it.
    private func caller(_ wearer: Wearer, request: String) -> Caller {
        Caller(
            actor: "account:\(wearer.account)", role: .wearer, organisations: .only([wearer.organisation]),
            requestID: request, person: wearer.person, account: wearer.account)
    }

    func close() async {
        await runtime.close()
    }
}

import Benchmark
import BenchmarkFixtures

/// Readings per iteration of the import and its baseline, so their times compare directly.
let readingsPerIteration = 1_000_000
/// Dose entries in the store the history benchmark reads: 10,000 wearers × 1,000 entries.
let historyWearers = 10_000
let historyEntriesPerWearer = 1_000

/// Readings per second over the measured region. Benchmark's own `throughput` counts iterations per second,
/// which rounds to 0 for iterations lasting seconds.
let readingsPerSecond = BenchmarkMetric.custom("readings/s", polarity: .prefersLarger, useScalingFactor: false)

/// Fixed by the ordo-one plugin: it generates a `main` that calls this. Each benchmark runs in its own process;
/// the setup closures run there once, before the warm-up, outside every measurement.
let benchmarks: @Sendable () -> Void = {
    let units: [BenchmarkMetric: BenchmarkUnits] = [
        readingsPerSecond: .count, .peakMemoryResident: .mega, .mallocCountTotal: .kilo,
    ]
    // An import of a million readings takes tens of seconds, so no warm-up (its one-off costs are small next to
    // it) and three iterations for a median. Fixed units keep the rows parseable by scripts/bench-readings.
    let importing = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal, readingsPerSecond],
        timeUnits: .milliseconds, units: units, warmupIterations: 0, maxDuration: .seconds(900), maxIterations: 3)

    // The file and the prepared data directory (organisation, people, participant codes) are made once; every
    // iteration imports into a fresh copy of that directory.
    let template = Pending<ImportTemplate>()
    Benchmark("import readings 1M (service, SQLite)", configuration: importing) { benchmark, fixture in
        try await fixture.measure(benchmark)
    } setup: {
        try await template.hold(ImportTemplate.make(readings: readingsPerIteration))
    } teardown: {
        template.take()?.remove()
    }

    Benchmark("bare GRDB insert 1M readings", configuration: importing) { benchmark, rows in
        try BareReadingsInsert.measure(benchmark, rows: rows)
    } setup: {
        try BareReadingsInsert.rows(readings: readingsPerIteration)
    }

    // One iteration is one history read of a random wearer, so the wall-clock percentiles are the call's
    // p50 and p99. A few warm-up calls open the store's connections and touch its first pages.
    let history = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], timeUnits: .milliseconds, units: units,
        warmupIterations: 20, maxDuration: .seconds(120), maxIterations: 1_000)
    let store = Pending<LifetimeHistory>()
    Benchmark("history lifetime p50/p99 with 10M dose entries", configuration: history) { benchmark, fixture in
        try await fixture.measure(benchmark)
    } setup: {
        try await store.hold(LifetimeHistory.open(wearers: historyWearers, entriesPerWearer: historyEntriesPerWearer))
    } teardown: {
        await store.take()?.close()
    }
}

extension Benchmark {
    /// Records `count` readings done in one measured region of `duration` as a per-second rate.
    func recordReadingRate(_ count: Int, over duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        measurement(readingsPerSecond, Int((Double(count) / seconds).rounded()))
    }
}

import Benchmark
import BenchmarkFixtures

/// Rows per iteration in both benchmarks, so their times compare directly.
let rowsPerIteration = 100_000

/// Rows per second over the measured region. Benchmark's own `throughput` counts iterations per second,
/// which rounds to 0 or 1 for iterations lasting seconds, so the row rate is reported as a custom metric.
let rowsPerSecond = BenchmarkMetric.custom("rows/s", polarity: .prefersLarger, useScalingFactor: false)

/// Fixed by the ordo-one plugin: it generates a `main` that calls this.
let benchmarks: @Sendable () -> Void = {
    // An import takes seconds, so five iterations give a usable median; the time cap lets all five run on
    // a busy 2-core machine. One warm-up iteration pays one-off costs (page cache, lazy initialisation).
    // Fixed units keep the two benchmarks' rows directly comparable (and parseable by scripts/bench-import).
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal, rowsPerSecond],
        timeUnits: .milliseconds,
        units: [rowsPerSecond: .count, .peakMemoryResident: .mega, .mallocCountTotal: .kilo],
        warmupIterations: 1,
        maxDuration: .seconds(120),
        maxIterations: 5
    )

    // The setup closures run once per benchmark, outside every measurement: the file and rows are the
    // same for each iteration, only the database is new.
    Benchmark("import people 100k (service, SQLite)", configuration: configuration) { benchmark, file in
        try await ServiceImport.measure(benchmark, file: file)
    } setup: {
        try SyntheticPeopleFile.bytes(count: rowsPerIteration, organisationCode: ServiceImport.organisationCode)
    }

    Benchmark("bare GRDB insert 100k", configuration: configuration) { benchmark, rows in
        try BareInsert.measure(benchmark, rows: rows)
    } setup: {
        try BareInsert.rows(count: rowsPerIteration)
    }
}

extension Benchmark {
    /// Records the row rate of one measured region of `duration`.
    func recordRowRate(rows: Int, over duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        measurement(rowsPerSecond, Int((Double(rows) / seconds).rounded()))
    }
}

import Benchmark
import Synchronization

/// Events per iteration of the batched append benchmarks (store and bare GRDB), so their times compare.
let batchedEvents = 100_000
/// Events per change set (store) or transaction (bare GRDB) in the batched benchmarks.
let batchSize = 1_000
/// Events per iteration of the one-event-per-transaction benchmarks: enough to time, few enough to be quick.
let singleEvents = 5_000
/// The log size the verification and proof benchmarks work on.
let ledgerEvents = 1_000_000

/// Events (or leaves) per second over the measured region. Benchmark's own `throughput` counts iterations
/// per second, which rounds to 0 or 1 for iterations lasting a second or more.
let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
/// Inclusion proofs per second over the measured region.
let proofsPerSecond = BenchmarkMetric.custom("proofs/s", polarity: .prefersLarger, useScalingFactor: false)

/// Fixed by the ordo-one plugin: it generates a `main` that calls this. Each benchmark runs in its own
/// process; the setup closures run there once, before the warm-up, outside every measurement.
let benchmarks: @Sendable () -> Void = {
    // One warm-up iteration pays one-off costs (page cache, lazy initialisation); up to five measured
    // iterations give a usable median on a busy 2-core machine. Fixed units keep rows comparable and
    // parseable by scripts/bench-ledger.
    let units: [BenchmarkMetric: BenchmarkUnits] = [
        eventsPerSecond: .count, proofsPerSecond: .count, .peakMemoryResident: .mega, .mallocCountTotal: .kilo,
    ]
    let timed = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal, eventsPerSecond],
        timeUnits: .milliseconds, units: units, warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 5)
    var slow = timed
    slow.maxDuration = .seconds(120)
    var proofs = timed
    proofs.metrics = [.wallClock, .peakMemoryResident, .mallocCountTotal, proofsPerSecond]
    proofs.maxIterations = 10

    // 1. Appending: through the real store, then bare GRDB with the store's pragmas into the store's table. A
    // new database per iteration, opened and migrated outside the measured region.
    Benchmark("append 100k, 1000 per change set (SQLiteRecordStore)", configuration: timed) { benchmark, changes in
        try await StoreAppend.measure(benchmark, changeSets: changes)
    } setup: {
        StoreAppend.changeSets(events: batchedEvents, eventsPerChangeSet: batchSize)
    }

    Benchmark("append 5k, 1 per change set (SQLiteRecordStore)", configuration: timed) { benchmark, changes in
        try await StoreAppend.measure(benchmark, changeSets: changes)
    } setup: {
        StoreAppend.changeSets(events: singleEvents, eventsPerChangeSet: 1)
    }

    Benchmark("bare GRDB insert 100k, 1000 per transaction", configuration: timed) { benchmark, batches in
        try await BareAppend.measure(benchmark, batches: batches)
    } setup: {
        try BareAppend.batches(events: batchedEvents, batchSize: batchSize)
    }

    Benchmark("bare GRDB insert 5k, 1 per transaction", configuration: timed) { benchmark, batches in
        try await BareAppend.measure(benchmark, batches: batches)
    } setup: {
        try BareAppend.batches(events: singleEvents, batchSize: 1)
    }

    // 2. Verifying a million events: the pure check over entries in memory, the real one over the SQLite
    // store (built once, reused by every iteration, deleted at teardown), and plain SHA-256 of the leaves.
    Benchmark("verify 1M (LogVerifier, in memory)", configuration: slow) { benchmark, fixture in
        fixture.measure(benchmark)
    } setup: {
        try PureVerification.make(events: ledgerEvents)
    }

    let verifyStore = Pending<StoredLedger>()
    Benchmark("verify 1M (AuditLedger, SQLite)", configuration: slow) { benchmark, fixture in
        try await fixture.measure(benchmark)
    } setup: {
        try await verifyStore.hold(StoredLedger.make(events: ledgerEvents))
    } teardown: {
        await verifyStore.take()?.close()
    }

    Benchmark("SHA-256 of 1M leaf encodings", configuration: slow) { benchmark, fixture in
        fixture.measure(benchmark)
    } setup: {
        try LeafEncodings.make(events: ledgerEvents)
    }

    // 3. One inclusion proof at n = 1M (the sizes themselves are printed by ledger-proof-sizes).
    Benchmark("inclusion proof n=1M ([MerkleHash])", configuration: proofs) { benchmark, fixture in
        try fixture.measureFromArray(benchmark)
    } setup: {
        try InclusionProofs.make(leaves: ledgerEvents, proofs: 1_000)
    }

    Benchmark("inclusion proof n=1M, 1000 per iteration (InMemoryMerkleTree)", configuration: proofs) {
        benchmark, fixture in
        try fixture.measureFromTree(benchmark)
    } setup: {
        try InclusionProofs.make(leaves: ledgerEvents, proofs: 1_000)
    }

    var storeProofs = proofs
    storeProofs.maxIterations = 3
    let proofStore = Pending<StoredLedger>()
    Benchmark("inclusion proof n=1M (AuditLedger.proof, SQLite)", configuration: storeProofs) {
        benchmark, fixture in
        try await fixture.measureProof(benchmark)
    } setup: {
        try await proofStore.hold(StoredLedger.make(events: ledgerEvents))
    } teardown: {
        await proofStore.take()?.close()
    }
}

extension Benchmark {
    /// Records `count` things done in one measured region of `duration` as a per-second rate.
    func recordRate(_ metric: BenchmarkMetric, count: Int, over duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        measurement(metric, Int((Double(count) / seconds).rounded()))
    }
}

/// A setup's result kept for its teardown, which Benchmark calls without it.
final class Pending<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// Keeps `value` and returns it, for a setup closure to hand on.
    func hold(_ value: Value) -> Value {
        self.value.withLock { $0 = value }
        return value
    }

    /// The kept value, once.
    func take() -> Value? {
        value.withLock { held in
            defer { held = nil }
            return held
        }
    }
}

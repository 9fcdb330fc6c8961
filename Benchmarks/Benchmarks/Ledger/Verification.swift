import Benchmark
import Crypto
import Foundation
import Ledger
import Linkage
import Logging
import SievertApp
import SievertServices
import SievertStorage

/// The pure check: `LogVerifier.verify(entries:checkpoint:verifier:)` over entries already in memory against a
/// checkpoint signed with a fresh Ed25519 key. Measured: the signature check, one canonical encoding and leaf
/// hash per entry, the Merkle tree over them and the root comparison.
struct PureVerification: Sendable {
    let entries: [LedgerEntry]
    let checkpoint: SignedCheckpoint
    let verifier: CheckpointVerifier

    static func make(events: Int) throws -> PureVerification {
        let entries = try SyntheticAuditEvents.entries(count: events)
        let tree = MerkleTree(leafHashes: entries.lazy.map(\.leafHash))
        let signer = try CheckpointSigner(keyName: "sievert-audit", privateKey: Curve25519.Signing.PrivateKey())
        let checkpoint = try Checkpoint(
            origin: AuditLedger.origin, size: tree.size, root: tree.root,
            unixTimeMilliseconds: Int64(SyntheticAuditEvents.start.timeIntervalSince1970 * 1000))
        return PureVerification(entries: entries, checkpoint: try signer.sign(checkpoint), verifier: signer.verifier)
    }

    func measure(_ benchmark: Benchmark) {
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        let verdict = LogVerifier.verify(entries: entries, checkpoint: checkpoint, verifier: verifier)
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        precondition(verdict == .ok, "expected ok, got \(verdict)")
        benchmark.recordRate(eventsPerSecond, count: entries.count, over: elapsed)
    }
}

/// The real check: `AuditLedger.verify()` of a runtime opened like the CLI's (embedded SQLite, the signer and
/// file witness LedgerSetup makes) over a store holding the events, checkpointed once. Measured: reading every
/// row in pages of 10,000 with each row's leaf hashed from its column bytes, and the fold against the checkpoint.
struct StoredLedger: Sendable {
    let directory: ScratchDirectory
    let runtime: SievertRuntime
    /// Every event in the store: the synthetic ones plus any the runtime wrote when it opened.
    let storedEvents: Int

    /// A data directory and a witness directory under a scratch directory, `events` synthetic events appended
    /// through the store in change sets of 10,000, and a signed checkpoint of them all in the witness.
    static func make(events: Int) async throws -> StoredLedger {
        let directory = try ScratchDirectory()
        let settings = SievertSettings.from(
            flags: [
                "data.dir": directory.path + "/data", "witness.dir": directory.path + "/witness", "demo": "false",
            ],
            environment: [:])
        // Silent: a new data directory logs development-key warnings.
        let runtime = try await SievertRuntime.open(
            settings, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        do {
            let scope = StoreScope.service(actor: "cli:operator")
            for changes in StoreAppend.changeSets(events: events, eventsPerChangeSet: 10_000) {
                try await runtime.sievert.store.apply(changes, scope: scope)
            }
            let checkpoint = try await runtime.ledger.checkpoint()
            let stored = Int(checkpoint.unverifiedCheckpoint.size)
            precondition(stored >= events, "expected at least \(events) events, the checkpoint covers \(stored)")
            return StoredLedger(directory: directory, runtime: runtime, storedEvents: stored)
        } catch {
            await runtime.close()
            directory.remove()
            throw error
        }
    }

    func measure(_ benchmark: Benchmark) async throws {
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        let verification = try await runtime.ledger.verify()
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        precondition(
            verification.verdict == .ok && verification.storedEvents == storedEvents
                && verification.witnessedEvents == UInt64(storedEvents),
            "expected \(storedEvents) events verified, got \(verification)")
        benchmark.recordRate(eventsPerSecond, count: storedEvents, over: elapsed)
    }

    /// `AuditLedger.proof(ofEvent:)`, what `sievert audit proof N` runs: reads the latest witnessed checkpoint
    /// and every event it covers, and proves (and checks) one event in it.
    func measureProof(_ benchmark: Benchmark) async throws {
        var random = SplitMix64(seed: UInt64(benchmark.currentIteration))
        let sequence = Int64.random(in: 1...Int64(storedEvents), using: &random)
        benchmark.startMeasurement()
        let proof = try await runtime.ledger.proof(ofEvent: sequence)
        benchmark.stopMeasurement()

        precondition(
            proof?.verified == true && proof?.proof.treeSize == UInt64(storedEvents),
            "expected a verified proof of event \(sequence)")
    }

    func close() async {
        await runtime.close()
        directory.remove()
    }
}

/// The baseline: one SHA-256 over each entry's canonical leaf encoding, nothing else (no 0x00 prefix, no
/// interior nodes, no reading or decoding).
struct LeafEncodings: Sendable {
    let encodings: [[UInt8]]

    static func make(events: Int) throws -> LeafEncodings {
        LeafEncodings(encodings: try SyntheticAuditEvents.entries(count: events).map(\.canonicalBytes))
    }

    func measure(_ benchmark: Benchmark) {
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        for bytes in encodings {
            blackHole(SHA256.hash(data: bytes))
        }
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()
        benchmark.recordRate(eventsPerSecond, count: encodings.count, over: elapsed)
    }
}

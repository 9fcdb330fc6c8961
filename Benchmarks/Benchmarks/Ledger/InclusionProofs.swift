import Benchmark
import Ledger
import Linkage

/// One RFC 9162 inclusion proof in a tree of a million leaves, two ways:
/// - from the array of leaf hashes, as `AuditLedger.proof(ofEvent:)` makes it once it has read and hashed
///   every event: each proof node is folded from its leaves, so one proof costs about n node hashes;
/// - from an `InMemoryMerkleTree`, which keeps every complete subtree: O(log n) per proof.
/// The leaf hashes are those of the synthetic events; the indices are drawn before the measurement.
struct InclusionProofs: Sendable {
    let leafHashes: [MerkleHash]
    let tree: InMemoryMerkleTree
    let root: MerkleHash
    let indices: [UInt64]

    static func make(leaves: Int, proofs: Int) throws -> InclusionProofs {
        let leafHashes = try SyntheticAuditEvents.entries(count: leaves).map(\.leafHash)
        let tree = InMemoryMerkleTree(leafHashes: leafHashes)
        var random = SplitMix64(seed: 9162)
        let indices = (0..<proofs).map { _ in UInt64.random(in: 0..<UInt64(leaves), using: &random) }
        return InclusionProofs(leafHashes: leafHashes, tree: tree, root: tree.root, indices: indices)
    }

    /// One proof from the array per iteration, at the iteration's drawn index.
    func measureFromArray(_ benchmark: Benchmark) throws {
        let index = indices[benchmark.currentIteration % indices.count]
        benchmark.startMeasurement()
        let proof = try leafHashes.inclusionProof(leafIndex: index, treeSize: UInt64(leafHashes.count))
        benchmark.stopMeasurement()
        check([proof])
    }

    /// Every drawn index per iteration (a single O(log n) proof is too quick to time alone).
    func measureFromTree(_ benchmark: Benchmark) throws {
        let size = tree.size
        var proofs: [InclusionProof] = []
        proofs.reserveCapacity(indices.count)
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        for index in indices {
            proofs.append(try tree.inclusionProof(leafIndex: index, treeSize: size))
        }
        let elapsed = start.duration(to: clock.now)
        benchmark.stopMeasurement()

        check(proofs)
        benchmark.recordRate(proofsPerSecond, count: proofs.count, over: elapsed)
    }

    private func check(_ proofs: [InclusionProof]) {
        for proof in proofs {
            precondition(
                proof.verify(leafHash: leafHashes[Int(proof.leafIndex)], root: root),
                "the proof of leaf \(proof.leafIndex) does not verify")
        }
    }
}

import Ledger
import SievertStorage

extension AuditLedger {
    /// The leaf hashes of every event stored in `store`, recomputed from the rows, in storage order, and whether
    /// the events are numbered 1, 2, 3… without a gap.
    public static func storedLeafHashes(of store: any RecordStore) async throws -> (
        hashes: [MerkleHash], inSequence: Bool
    ) {
        var hashes: [MerkleHash] = []
        var inSequence = true
        try await forEachLeaf(of: store, through: try await store.lastAuditSequence()) { page in
            for leaf in page {
                inSequence = inSequence && leaf.index == UInt64(hashes.count)
                hashes.append(leaf.leafHash)
            }
            return true
        }
        return (hashes, inSequence)
    }

    /// What checking a store's log against an earlier signed checkpoint found.
    public struct PrefixCheck: Sendable {
        /// The stored log against the checkpoint: `.ok` when its first `checkpointSize` events hash to the signed
        /// root; `.badSignature` when the note is not signed by the verifier's key.
        public var verdict: LogVerdict
        /// Events the checkpoint covers.
        public var checkpointSize: UInt64
        /// Events stored now.
        public var storedEvents: UInt64
        /// The RFC 9162 consistency proof from the checkpoint's tree to the whole stored log, and whether it
        /// verified; nil unless the verdict is `.ok`.
        public var consistency: ConsistencyProof?
        public var consistencyVerified: Bool

        /// Whether the stored log extends the checkpoint's tree exactly.
        public var isOK: Bool { verdict == .ok && consistencyVerified }
    }

    /// Checks the log stored in `store` against the signed checkpoint `note` (a backup's): the note is signed by
    /// `verifier`'s key, every event is in sequence, the first `size` events hash to the checkpoint's root, and a
    /// consistency proof from that tree to the whole stored log verifies, so the stored log only appended to what
    /// was signed.
    public static func checkPrefix(
        of store: any RecordStore, against note: String, verifier: CheckpointVerifier
    ) async throws -> PrefixCheck {
        let (hashes, inSequence) = try await storedLeafHashes(of: store)
        let stored = UInt64(hashes.count)
        guard let signed = try? SignedCheckpoint(parsing: note), let checkpoint = try? verifier.verify(signed) else {
            return PrefixCheck(
                verdict: .badSignature, checkpointSize: 0, storedEvents: stored, consistency: nil,
                consistencyVerified: false)
        }
        let size = checkpoint.size
        var result = PrefixCheck(
            verdict: .ok, checkpointSize: size, storedEvents: stored, consistency: nil, consistencyVerified: false)
        guard inSequence else {
            result.verdict = .rootMismatch
            return result
        }
        guard stored >= size else {
            result.verdict = .truncated(storedLeaves: stored, checkpointSize: size)
            return result
        }
        guard try hashes.root(size: size) == checkpoint.root else {
            result.verdict = .rootMismatch
            return result
        }
        let proof = try hashes.consistencyProof(from: size, to: stored)
        result.consistency = proof
        result.consistencyVerified = proof.verify(oldRoot: checkpoint.root, newRoot: try hashes.root(size: stored))
        return result
    }
}

/// Pure checks of a stored log against witnessed signed checkpoints: what `sievert audit verify` runs.
///
/// The signature is always checked first, so a log rebuilt and re-signed under another key reports
/// ``LogVerdict/badSignature`` whatever its contents. Leaves past the checkpoint's size are not yet witnessed
/// and are not judged; the next checkpoint covers them.
public enum LogVerifier {
    /// Checks stored entries (in storage order) against `checkpoint`.
    ///
    /// Entries carry their own index, so a log shorter than the checkpoint is told apart: a cut tail leaves every
    /// entry in sequence (``LogVerdict/truncated(storedLeaves:checkpointSize:)``), a deletion in the middle does
    /// not (``LogVerdict/rootMismatch``).
    public static func verify(
        entries: some Sequence<LedgerEntry>,
        checkpoint: SignedCheckpoint,
        verifier: CheckpointVerifier
    ) -> LogVerdict {
        guard var fold = LogFold(checkpoint: checkpoint, verifier: verifier) else { return .badSignature }
        for entry in entries {
            guard !fold.isComplete else { break }
            fold.add(entry)
        }
        return fold.verdict
    }

    /// Checks stored leaf hashes against `checkpoint`, reading at most the checkpoint's size in bounded chunks.
    ///
    /// Hashes alone say nothing about positions, so a log shorter than the checkpoint is reported as
    /// ``LogVerdict/truncated(storedLeaves:checkpointSize:)`` whether the tail or a middle leaf went missing.
    /// Throws only what `leafHashes` throws.
    public static func verify(
        leafHashes: some LeafHashSource,
        checkpoint: SignedCheckpoint,
        verifier: CheckpointVerifier
    ) throws -> LogVerdict {
        guard let signed = try? verifier.verify(checkpoint) else { return .badSignature }
        let stored = try leafHashes.leafCount
        guard stored >= signed.size else {
            return .truncated(storedLeaves: stored, checkpointSize: signed.size)
        }
        return try leafHashes.root(size: signed.size) == signed.root ? .ok : .rootMismatch
    }

    /// Checks that `latest` extends `previous`: both signed by the trusted key, the same origin, and `proof`
    /// (RFC 9162 §2.1.4) proving the earlier tree a prefix of the later one.
    public static func verifyConsistency(
        previous: SignedCheckpoint,
        latest: SignedCheckpoint,
        proof: ConsistencyProof,
        verifier: CheckpointVerifier
    ) -> LogVerdict {
        guard let old = try? verifier.verify(previous), let new = try? verifier.verify(latest) else {
            return .badSignature
        }
        let consistent =
            old.origin == new.origin && proof.oldSize == old.size && proof.newSize == new.size
            && proof.verify(oldRoot: old.root, newRoot: new.root)
        return consistent ? .ok : .checkpointNotConsistent(previousSize: old.size, latestSize: new.size)
    }
}

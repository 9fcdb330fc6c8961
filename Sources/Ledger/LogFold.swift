/// ``LogVerifier/verify(entries:checkpoint:verifier:)`` taken one entry at a time, so a stored log of any length
/// is checked page by page in O(log n) memory.
public struct LogFold: Sendable {
    /// The checkpoint being checked against, its signature already verified.
    public let checkpoint: Checkpoint
    private var tree = MerkleTree()
    private var inSequence = true

    /// Starts a check against `signed`; nil when its signature does not verify under `verifier` (a log rebuilt and
    /// re-signed under another key, or an altered note).
    public init?(checkpoint signed: SignedCheckpoint, verifier: CheckpointVerifier) {
        guard let checkpoint = try? verifier.verify(signed) else { return nil }
        self.checkpoint = checkpoint
    }

    /// Whether every leaf the checkpoint covers has been added; later entries are not yet witnessed.
    public var isComplete: Bool { tree.size >= checkpoint.size }

    /// Adds the next stored entry, in storage order; ignored once ``isComplete``.
    public mutating func add(_ entry: LedgerEntry) {
        add(index: entry.index, leafHash: entry.leafHash)
    }

    /// Adds the next stored entry by the index it carries and its leaf hash, in storage order; ignored once
    /// ``isComplete``.
    public mutating func add(index: UInt64, leafHash: MerkleHash) {
        guard !isComplete else { return }
        // Entries carry their own index, so a short log is told apart: a cut tail leaves every entry in sequence,
        // a deletion in the middle does not.
        inSequence = inSequence && index == tree.size
        tree.append(leafHash: leafHash)
    }

    /// What the entries added so far say against the checkpoint.
    public var verdict: LogVerdict {
        if tree.size < checkpoint.size {
            return inSequence ? .truncated(storedLeaves: tree.size, checkpointSize: checkpoint.size) : .rootMismatch
        }
        return tree.root == checkpoint.root ? .ok : .rootMismatch
    }
}

import Ledger

/// A stored audit event as the ledger sees it: its sequence and the RFC 9162 leaf hash recomputed from its stored
/// fields as they are now (an edited row gets a different hash; see ``LeafHasher``).
public struct AuditLeaf: Sendable, Hashable {
    /// Position in the log (1-based).
    public var sequence: Int64
    /// The leaf hash of the event's canonical ledger encoding at leaf index `sequence - 1`.
    public var leafHash: MerkleHash

    /// The leaf of the event at `sequence` whose leaf hash is `leafHash`.
    public init(sequence: Int64, leafHash: MerkleHash) {
        self.sequence = sequence
        self.leafHash = leafHash
    }

    /// The zero-based leaf index: `sequence - 1`.
    public var index: UInt64 { UInt64(bitPattern: sequence &- 1) }
}

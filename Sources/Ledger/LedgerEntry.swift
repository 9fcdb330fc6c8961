/// An ``AuditEvent`` at its position in the log: the value whose canonical bytes are the Merkle leaf.
///
/// Binding the index into the leaf makes each entry say where it belongs, so a verifier given the entries can
/// tell a cut-off tail from a deletion in the middle, and an inclusion proof names the entry it proves.
public struct LedgerEntry: Sendable, Hashable {
    /// The zero-based leaf index the entry was appended at.
    public let index: UInt64
    /// The event recorded.
    public let event: AuditEvent

    /// The entry for `event` appended at `index`.
    public init(index: UInt64, event: AuditEvent) {
        self.index = index
        self.event = event
    }

    /// The RFC 9162 leaf hash of ``canonicalBytes``.
    public var leafHash: MerkleHash {
        MerkleHash.leafHash(of: canonicalBytes)
    }
}

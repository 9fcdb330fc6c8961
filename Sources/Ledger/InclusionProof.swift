/// An RFC 9162 §2.1.3 inclusion proof: the audit path showing that leaf ``leafIndex`` is in the tree of size
/// ``treeSize``.
public struct InclusionProof: Sendable, Hashable {
    /// The zero-based index of the proven leaf.
    public var leafIndex: UInt64
    /// The size of the tree the proof is for.
    public var treeSize: UInt64
    /// The audit path, deepest sibling first.
    public var hashes: [MerkleHash]

    /// A proof from its parts, as generated or decoded; nothing is checked until verification.
    public init(leafIndex: UInt64, treeSize: UInt64, hashes: [MerkleHash]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.hashes = hashes
    }

    /// The root this proof yields for `leafHash`, by the RFC 9162 §2.1.3.2 algorithm; `nil` when the proof's
    /// shape cannot belong to (``leafIndex``, ``treeSize``).
    public func root(forLeafHash leafHash: MerkleHash) -> MerkleHash? {
        // Step 1.
        guard leafIndex < treeSize else { return nil }
        // Steps 2–3.
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        // Step 4.
        for p in hashes {
            // Step 4a: a path longer than the tree is high.
            guard sn != 0 else { return nil }
            // Step 4b.
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.nodeHash(left: p, right: r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = MerkleHash.nodeHash(left: r, right: p)
            }
            // Step 4c.
            fn >>= 1
            sn >>= 1
        }
        // Step 5: a path shorter than the tree is high leaves sn above zero.
        guard sn == 0 else { return nil }
        return r
    }

    /// True when the proof shows `leafHash` at ``leafIndex`` in the tree of size ``treeSize`` with root `root`
    /// (RFC 9162 §2.1.3.2).
    public func verify(leafHash: MerkleHash, root: MerkleHash) -> Bool {
        self.root(forLeafHash: leafHash) == root
    }
}

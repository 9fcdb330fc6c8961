/// An RFC 9162 §2.1.4 consistency proof: the tree of size ``oldSize`` is a prefix of the tree of size
/// ``newSize``, so the log only appended in between.
public struct ConsistencyProof: Sendable, Hashable {
    /// The size of the earlier tree.
    public var oldSize: UInt64
    /// The size of the later tree.
    public var newSize: UInt64
    /// The proof nodes, in RFC 9162 §2.1.4.1 order.
    public var hashes: [MerkleHash]

    /// A proof from its parts, as generated or decoded; nothing is checked until verification.
    public init(oldSize: UInt64, newSize: UInt64, hashes: [MerkleHash]) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.hashes = hashes
    }

    /// True when the proof shows the tree with root `oldRoot` at ``oldSize`` is a prefix of the tree with root
    /// `newRoot` at ``newSize``, by the RFC 9162 §2.1.4.2 algorithm.
    ///
    /// The algorithm covers 0 < oldSize < newSize; the other cases need no proof (RFC 9162 §2.1.4): equal sizes
    /// need equal roots, and the empty tree (whose root must be ``MerkleHash/emptyTreeRoot``) is a prefix of
    /// every tree. In both the proof must be empty.
    public func verify(oldRoot: MerkleHash, newRoot: MerkleHash) -> Bool {
        guard oldSize <= newSize else { return false }
        if oldSize == newSize {
            return hashes.isEmpty && oldRoot == newRoot && (oldSize > 0 || oldRoot == .emptyTreeRoot)
        }
        if oldSize == 0 {
            return hashes.isEmpty && oldRoot == .emptyTreeRoot
        }
        // Step 1.
        guard !hashes.isEmpty else { return false }
        // Step 2: when the old tree is a perfect subtree its root is the starting node and is not sent.
        var path = hashes
        if oldSize.nonzeroBitCount == 1 {
            path.insert(oldRoot, at: 0)
        }
        // Step 3.
        var fn = oldSize - 1
        var sn = newSize - 1
        // Step 4.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // Step 5.
        var fr = path[0]
        var sr = path[0]
        // Step 6.
        for c in path.dropFirst() {
            // Step 6a.
            guard sn != 0 else { return false }
            // Step 6b.
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.nodeHash(left: c, right: fr)
                sr = MerkleHash.nodeHash(left: c, right: sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHash.nodeHash(left: sr, right: c)
            }
            // Step 6c.
            fn >>= 1
            sn >>= 1
        }
        // Step 7.
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}

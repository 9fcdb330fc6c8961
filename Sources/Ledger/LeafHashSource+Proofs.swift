extension LeafHashSource {
    /// The Merkle tree hash of the first `size` leaves: the root the log had at that size.
    ///
    /// ``LedgerError/outOfRange`` when `size` exceeds ``leafCount``.
    public func root(size: UInt64) throws -> MerkleHash {
        guard size <= (try leafCount) else { throw LedgerError.outOfRange }
        return try subtreeRoot(of: 0..<size)
    }

    /// The RFC 9162 §2.1.3.1 inclusion proof for leaf `leafIndex` in the tree of the first `treeSize` leaves.
    ///
    /// ``LedgerError/outOfRange`` unless `leafIndex` < `treeSize` ≤ ``leafCount``.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) throws -> InclusionProof {
        guard leafIndex < treeSize, treeSize <= (try leafCount) else { throw LedgerError.outOfRange }
        let hashes = try ProofShape.inclusion(leafIndex: leafIndex, treeSize: treeSize).map(subtreeRoot(of:))
        return InclusionProof(leafIndex: leafIndex, treeSize: treeSize, hashes: hashes)
    }

    /// The RFC 9162 §2.1.4.1 consistency proof from the tree of the first `oldSize` leaves to the tree of the
    /// first `newSize` leaves; empty when `oldSize` is 0 or equals `newSize`.
    ///
    /// ``LedgerError/outOfRange`` unless `oldSize` ≤ `newSize` ≤ ``leafCount``.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws -> ConsistencyProof {
        guard oldSize <= newSize, newSize <= (try leafCount) else { throw LedgerError.outOfRange }
        let hashes = try ProofShape.consistency(from: oldSize, to: newSize).map(subtreeRoot(of:))
        return ConsistencyProof(oldSize: oldSize, newSize: newSize, hashes: hashes)
    }
}

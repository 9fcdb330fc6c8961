/// Leaf hashes addressed by index, so proofs and roots can be computed by a store without loading the whole log.
///
/// Indexes are zero-based leaf positions. A store conforms by reading its stored leaf hashes; it may also
/// override ``subtreeRoot(of:)`` with cached subtree hashes to make proofs O(log n) instead of O(n).
public protocol LeafHashSource {
    /// The number of leaves available.
    var leafCount: UInt64 { get throws }

    /// The leaf hashes at positions `range`, in order; exactly `range.count` of them.
    func leafHashes(in range: Range<UInt64>) throws -> [MerkleHash]

    /// The Merkle tree hash (RFC 9162 §2.1.1) of the leaves at positions `range`; the empty-tree root when
    /// `range` is empty. The default reads the leaves in bounded chunks.
    func subtreeRoot(of range: Range<UInt64>) throws -> MerkleHash
}

extension LeafHashSource {
    /// Reads `range` in chunks of 65,536 leaves and folds them through a compact ``MerkleTree``.
    public func subtreeRoot(of range: Range<UInt64>) throws -> MerkleHash {
        // A bounded chunk keeps a store's memory flat over a million-leaf log while amortising each read.
        let chunk: UInt64 = 65_536
        var tree = MerkleTree()
        var start = range.lowerBound
        while start < range.upperBound {
            let end = start + min(chunk, range.upperBound - start)
            let hashes = try leafHashes(in: start..<end)
            guard UInt64(hashes.count) == end - start else { throw LedgerError.outOfRange }
            for hash in hashes {
                tree.append(leafHash: hash)
            }
            start = end
        }
        return tree.root
    }
}

extension Array: LeafHashSource where Element == MerkleHash {
    /// The number of hashes in the array.
    public var leafCount: UInt64 { UInt64(count) }

    /// The hashes at `range`; ``LedgerError/outOfRange`` past the end.
    public func leafHashes(in range: Range<UInt64>) throws -> [MerkleHash] {
        Array(self[try indices(of: range)])
    }

    /// The Merkle tree hash of the hashes at `range`, folded in place without copying.
    public func subtreeRoot(of range: Range<UInt64>) throws -> MerkleHash {
        MerkleTree(leafHashes: self[try indices(of: range)]).root
    }

    private func indices(of range: Range<UInt64>) throws(LedgerError) -> Range<Int> {
        guard range.upperBound <= UInt64(count) else { throw .outOfRange }
        return Int(range.lowerBound)..<Int(range.upperBound)
    }
}

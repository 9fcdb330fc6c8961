/// An append-only Merkle tree that keeps every complete subtree hash (about 2n hashes), so the root at any
/// earlier size and any proof cost O(log n) hashes.
///
/// For a verifier that has loaded a log once and then answers many proofs, and for tests; a store that keeps
/// its own subtree cache conforms to ``LeafHashSource`` directly instead.
public struct InMemoryMerkleTree: Sendable, Hashable, LeafHashSource {
    // levels[h][i] is the root of the perfect subtree of 2^h leaves starting at leaf i·2^h.
    private var levels: [[MerkleHash]] = [[]]

    /// The empty tree.
    public init() {}

    /// A tree holding `leafHashes` in order.
    public init(leafHashes: some Sequence<MerkleHash>) {
        for leafHash in leafHashes {
            append(leafHash: leafHash)
        }
    }

    /// The number of leaves.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// The number of leaves, as a ``LeafHashSource``.
    public var leafCount: UInt64 { size }

    /// The current root.
    public var root: MerkleHash {
        subtreeRootOfAlignedRange(0..<size)
    }

    /// Appends a leaf given its bytes (hashed with ``MerkleHash/leafHash(of:)``).
    public mutating func append(leaf: some Sequence<UInt8>) {
        append(leafHash: MerkleHash.leafHash(of: leaf))
    }

    /// Appends a leaf given its leaf hash, completing every subtree it closes.
    public mutating func append(leafHash: MerkleHash) {
        levels[0].append(leafHash)
        var height = 0
        while levels[height].count.isMultiple(of: 2) {
            let count = levels[height].count
            let parent = MerkleHash.nodeHash(left: levels[height][count - 2], right: levels[height][count - 1])
            if levels.count == height + 1 {
                levels.append([])
            }
            levels[height + 1].append(parent)
            height += 1
        }
    }

    /// The leaf hashes at `range`; ``LedgerError/outOfRange`` past the end.
    public func leafHashes(in range: Range<UInt64>) throws -> [MerkleHash] {
        guard range.upperBound <= size else { throw LedgerError.outOfRange }
        return Array(levels[0][Int(range.lowerBound)..<Int(range.upperBound)])
    }

    /// The Merkle tree hash of the leaves at `range`, from stored subtrees when `range` is shaped like the ones
    /// RFC 9162 proofs use, else folded from the leaves.
    public func subtreeRoot(of range: Range<UInt64>) throws -> MerkleHash {
        guard range.upperBound <= size else { throw LedgerError.outOfRange }
        guard range.count > 1 else {
            return range.isEmpty ? .emptyTreeRoot : levels[0][Int(range.lowerBound)]
        }
        // MTH(D[a:b]) splits at k, the largest power of two below b − a; when a is a multiple of k every split
        // lands on a stored perfect subtree. Every range in a root, PATH or PROOF starts so.
        let length = UInt64(range.count)
        let k = length.nonzeroBitCount == 1 ? length : ProofShape.split(length)
        guard range.lowerBound.isMultiple(of: k) else {
            return MerkleTree(leafHashes: levels[0][Int(range.lowerBound)..<Int(range.upperBound)]).root
        }
        return subtreeRootOfAlignedRange(range)
    }

    private func subtreeRootOfAlignedRange(_ range: Range<UInt64>) -> MerkleHash {
        var peaks: [MerkleHash] = []
        var start = range.lowerBound
        while start < range.upperBound {
            let height = UInt64.bitWidth - 1 - (range.upperBound - start).leadingZeroBitCount
            peaks.append(levels[height][Int(start >> UInt64(height))])
            start += 1 << UInt64(height)
        }
        return MerkleTree.fold(peaks)
    }
}

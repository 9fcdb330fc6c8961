/// An append-only RFC 9162 Merkle tree kept as its compact range: the roots of the perfect subtrees that tile
/// the leaves, largest first (one per set bit of ``size``).
///
/// Appending is amortised O(1) hashes and ``root`` is O(log n), so building a tree of n leaves is O(n) with
/// O(log n) memory. Persist ``size`` and ``peaks`` to resume appending without re-reading the leaves.
public struct MerkleTree: Sendable, Hashable {
    /// The number of leaves appended.
    public private(set) var size: UInt64
    /// Roots of the perfect subtrees covering the leaves, left to right; their sizes are the set bits of
    /// ``size`` from the highest down.
    public private(set) var peaks: [MerkleHash]

    /// The empty tree.
    public init() {
        size = 0
        peaks = []
    }

    /// A tree holding `leafHashes` in order.
    public init(leafHashes: some Sequence<MerkleHash>) {
        self.init()
        for leafHash in leafHashes {
            append(leafHash: leafHash)
        }
    }

    /// Resumes a tree from a stored ``size`` and ``peaks``; ``LedgerError/invalidCompactRange`` when the number
    /// of peaks is not the number of set bits in `size`.
    public init(size: UInt64, peaks: [MerkleHash]) throws(LedgerError) {
        guard peaks.count == size.nonzeroBitCount else { throw .invalidCompactRange }
        self.size = size
        self.peaks = peaks
    }

    /// Appends a leaf given its bytes (hashed with ``MerkleHash/leafHash(of:)``).
    public mutating func append(leaf: some Sequence<UInt8>) {
        append(leafHash: MerkleHash.leafHash(of: leaf))
    }

    /// Appends a leaf given its leaf hash.
    public mutating func append(leafHash: MerkleHash) {
        peaks.append(leafHash)
        // Each trailing one bit of the old size is a perfect subtree of the same height as the new carry:
        // merge them like binary addition.
        var carries = size
        while carries & 1 == 1 {
            let right = peaks.removeLast()
            let left = peaks.removeLast()
            peaks.append(MerkleHash.nodeHash(left: left, right: right))
            carries >>= 1
        }
        size += 1
    }

    /// The Merkle tree hash (RFC 9162 §2.1.1) of all leaves appended so far.
    public var root: MerkleHash {
        Self.fold(peaks)
    }

    /// MTH of leaves tiled by perfect subtrees of strictly decreasing size: RFC 9162 §2.1.1 splits at the largest
    /// power of two below n, which is the first peak, so the root nests the peaks from the right.
    static func fold(_ peaks: [MerkleHash]) -> MerkleHash {
        guard var accumulator = peaks.last else { return .emptyTreeRoot }
        for peak in peaks.dropLast().reversed() {
            accumulator = MerkleHash.nodeHash(left: peak, right: accumulator)
        }
        return accumulator
    }
}

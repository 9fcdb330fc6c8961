/// Which subtrees an RFC 9162 proof is made of, as leaf ranges in proof order (deepest first). Generation hashes
/// these ranges; the strict decoders count them to know a proof's only valid length.
enum ProofShape {
    /// The largest power of two strictly below `n` (n ≥ 2): the split point k of RFC 9162 §2.1.1.
    static func split(_ n: UInt64) -> UInt64 {
        1 << (UInt64.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    /// The subtrees of PATH(m, D[n]) (RFC 9162 §2.1.3.1) for leaf `leafIndex` < `treeSize`.
    static func inclusion(leafIndex: UInt64, treeSize: UInt64) -> [Range<UInt64>] {
        var ranges: [Range<UInt64>] = []
        var low: UInt64 = 0
        var high = treeSize
        // Walks the recursion top-down; each level contributes the sibling subtree on the side away from m.
        while high - low > 1 {
            let k = split(high - low)
            if leafIndex - low < k {
                ranges.append(low + k..<high)
                high = low + k
            } else {
                ranges.append(low..<low + k)
                low += k
            }
        }
        return ranges.reversed()
    }

    /// The subtrees of PROOF(m, D[n]) = SUBPROOF(m, D[n], true) (RFC 9162 §2.1.4.1) for 0 < m < n; empty
    /// otherwise, as RFC 9162 §2.1.4 needs no proof for m = 0 or m = n.
    static func consistency(from oldSize: UInt64, to newSize: UInt64) -> [Range<UInt64>] {
        guard oldSize > 0, oldSize < newSize else { return [] }
        var ranges: [Range<UInt64>] = []
        var low: UInt64 = 0
        var high = newSize
        var startsFromOldRoot = true
        while oldSize != high {
            let k = split(high - low)
            if oldSize - low <= k {
                ranges.append(low + k..<high)
                high = low + k
            } else {
                ranges.append(low..<low + k)
                low += k
                startsFromOldRoot = false
            }
        }
        // SUBPROOF(m, D[m], b): the old tree's own root is left out when the verifier already holds it (b true).
        if !startsFromOldRoot {
            ranges.append(low..<high)
        }
        return ranges.reversed()
    }
}

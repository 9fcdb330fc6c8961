// Prints, for a spread of tree sizes n, the largest RFC 9162 inclusion and consistency proofs over sampled
// leaf indices and old sizes, and checks both against ⌈log₂ n⌉ + 1 hashes. Every proof is also verified
// against the tree's roots. Exits 1 if any proof is over the bound or fails to verify.
//
// Usage: ledger-proof-sizes [--samples N] [--seed S]
import Foundation
import Ledger
import Linkage

func ceilLog2(_ n: UInt64) -> Int {
    n <= 1 ? 0 : UInt64.bitWidth - (n - 1).leadingZeroBitCount
}

/// Every value of `range` when it has at most `limit` values; otherwise both ends, the middle, each power of
/// two inside it and its neighbours, and `limit` random values.
func sample(_ range: ClosedRange<UInt64>, limit: Int, using random: inout SplitMix64) -> [UInt64] {
    if range.upperBound - range.lowerBound < UInt64(limit) {
        return Array(range)
    }
    var values: Set<UInt64> = [range.lowerBound, range.upperBound, range.lowerBound / 2 + range.upperBound / 2]
    var power: UInt64 = 1
    while power <= range.upperBound {
        for value in [power - 1, power, power + 1] where range.contains(value) {
            values.insert(value)
        }
        power <<= 1
    }
    for _ in 0..<limit {
        values.insert(UInt64.random(in: range, using: &random))
    }
    return values.sorted()
}

var limit = 2_000
var seed: UInt64 = 9162
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch (flag, arguments.popFirst().flatMap { UInt64($0) }) {
    case ("--samples", let value?): limit = Int(value)
    case ("--seed", let value?): seed = value
    default:
        FileHandle.standardError.write(Data("usage: ledger-proof-sizes [--samples N] [--seed S]\n".utf8))
        exit(64)
    }
}

var random = SplitMix64(seed: seed)
let fixedSizes: [UInt64] = [1, 2, 3, 7, 8, 1_000, 1_000_000]
// One random size in each decade from 10 to 1,000,000, so small, medium and large trees all get one.
let randomSizes: [UInt64] = (1...5).map { exponent in
    let low = (0..<exponent).reduce(UInt64(1)) { power, _ in power * 10 }
    return UInt64.random(in: low..<low * 10, using: &random)
}
let sizes = Set(fixedSizes + randomSizes).sorted()

// One tree of the largest size; every smaller tree is a prefix of it, and InMemoryMerkleTree gives the root
// and proofs at any earlier size.
let largest = sizes.last ?? 1
let tree = InMemoryMerkleTree(
    leafHashes: (0..<largest).lazy.map { index in
        MerkleHash.leafHash(of: withUnsafeBytes(of: index.bigEndian) { Array($0) })
    })
let leafHashes = try tree.leafHashes(in: 0..<largest)

print("RFC 9162 proof sizes (hashes), seed \(seed), up to \(limit) random samples per size besides the edges")
let header = [
    "n", "⌈log₂ n⌉", "bound", "indices", "max inclusion", "old sizes", "max consistency", "within bound",
]
func row(_ cells: [String]) -> String {
    zip(cells, [9, 8, 5, 7, 13, 9, 15, 12]).map { cell, width in
        String(repeating: " ", count: max(0, width - cell.count)) + cell
    }
    .joined(separator: "  ")
}
print(row(header))
var failures = 0
for n in sizes {
    let bound = ceilLog2(n) + 1
    let root = try tree.root(size: n)
    let indices = sample(0...(n - 1), limit: limit, using: &random)
    var maxInclusion = 0
    for index in indices {
        let proof = try tree.inclusionProof(leafIndex: index, treeSize: n)
        maxInclusion = max(maxInclusion, proof.hashes.count)
        if !proof.verify(leafHash: leafHashes[Int(index)], root: root) {
            print("inclusion proof of leaf \(index) in n = \(n) does not verify")
            failures += 1
        }
    }
    let oldSizes = sample(0...n, limit: limit, using: &random)
    var maxConsistency = 0
    for old in oldSizes {
        let proof = try tree.consistencyProof(from: old, to: n)
        maxConsistency = max(maxConsistency, proof.hashes.count)
        if !proof.verify(oldRoot: try tree.root(size: old), newRoot: root) {
            print("consistency proof \(old) → \(n) does not verify")
            failures += 1
        }
    }
    let within = maxInclusion <= bound && maxConsistency <= bound
    if !within { failures += 1 }
    print(
        row([
            "\(n)", "\(ceilLog2(n))", "\(bound)", "\(indices.count)", "\(maxInclusion)", "\(oldSizes.count)",
            "\(maxConsistency)", within ? "yes" : "NO",
        ]))
}
print(failures == 0 ? "all proofs within ⌈log₂ n⌉ + 1 and verified" : "\(failures) failures")
exit(failures == 0 ? 0 : 1)

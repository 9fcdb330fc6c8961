import Ledger
import SeededRandom
import Testing

@Suite("Proof sizes")
struct ProofSizeTests {
    static func ceilLog2(_ n: Int) -> Int {
        n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
    }

    @Test("Inclusion and consistency proofs have at most ⌈log₂ n⌉ + 1 hashes for every n up to 10,000")
    func sizesWithinBound() throws {
        let leaves = Fixture.leafHashes(10_000)
        let full = InMemoryMerkleTree(leafHashes: leaves)
        var generator = SeededGenerator(seed: 10_000)
        var largest = (inclusion: 0, consistency: 0)
        var proofs = 0
        for n in 1...10_000 {
            let bound = Self.ceilLog2(n) + 1
            let indexes = Set([0, n - 1, n / 2, Int.random(in: 0..<n, using: &generator)])
            for index in indexes {
                let proof = try full.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(n))
                // The audit path has one node per level: never more than ⌈log₂ n⌉.
                #expect(proof.hashes.count <= Self.ceilLog2(n), "inclusion \(index)/\(n)")
                largest.inclusion = max(largest.inclusion, proof.hashes.count)
                proofs += 1
            }
            let olds = Set([1, n - 1, n / 2, Int.random(in: 0...n, using: &generator)])
            for old in olds {
                let proof = try full.consistencyProof(from: UInt64(old), to: UInt64(n))
                #expect(proof.hashes.count <= bound, "consistency \(old) → \(n)")
                largest.consistency = max(largest.consistency, proof.hashes.count)
                proofs += 1
            }
        }
        print(
            "proof sizes: \(proofs) proofs for n ≤ 10,000; largest inclusion \(largest.inclusion), consistency \(largest.consistency) hashes (bound \(Self.ceilLog2(10_000) + 1))"
        )
        #expect(largest.inclusion == 14)
    }
}

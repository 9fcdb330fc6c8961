import Ledger
import SeededRandom
import Testing

@Suite("Proof generation and verification, exhaustively")
struct ProofSelfConsistencyTests {
    static let leaves = Fixture.leafHashes(64)

    @Test("Every inclusion proof for index < size ≤ 64 equals RFC PATH, verifies, and round-trips its encoding")
    func inclusionUpTo64() throws {
        let full = InMemoryMerkleTree(leafHashes: Self.leaves)
        var checked = 0
        for size in 1...64 {
            let root = Reference.mth(Self.leaves[..<size])
            for index in 0..<size {
                let proof = try full.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
                #expect(proof.hashes == Reference.path(index, Self.leaves[..<size]), "\(index)/\(size)")
                #expect(try Self.leaves.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size)) == proof)
                #expect(proof.verify(leafHash: Self.leaves[index], root: root), "\(index)/\(size)")
                #expect(try InclusionProof(decoding: proof.encodedBytes) == proof)
                checked += 1
            }
        }
        #expect(checked == 64 * 65 / 2)
    }

    @Test("Every consistency proof for m ≤ n ≤ 64 equals RFC PROOF, verifies, and round-trips its encoding")
    func consistencyUpTo64() throws {
        let full = InMemoryMerkleTree(leafHashes: Self.leaves)
        var checked = 0
        for new in 0...64 {
            let newRoot = Reference.mth(Self.leaves[..<new])
            for old in 0...new {
                let proof = try full.consistencyProof(from: UInt64(old), to: UInt64(new))
                let expected = old == 0 || old == new ? [] : Reference.subproof(old, Self.leaves[..<new], true)
                #expect(proof.hashes == expected, "\(old) → \(new)")
                #expect(try Self.leaves.consistencyProof(from: UInt64(old), to: UInt64(new)) == proof)
                #expect(proof.verify(oldRoot: Reference.mth(Self.leaves[..<old]), newRoot: newRoot), "\(old) → \(new)")
                #expect(try ConsistencyProof(decoding: proof.encodedBytes) == proof)
                checked += 1
            }
        }
        #expect(checked == 65 * 66 / 2)
    }

    @Test("Edge cases of RFC 9162 §2.1.4: equal sizes need equal roots, the empty tree needs its own root")
    func consistencyEdges() {
        let a = MerkleHash.leafHash(of: [1])
        let b = MerkleHash.leafHash(of: [2])
        let empty = MerkleHash.emptyTreeRoot
        #expect(ConsistencyProof(oldSize: 0, newSize: 0, hashes: []).verify(oldRoot: empty, newRoot: empty))
        #expect(!ConsistencyProof(oldSize: 0, newSize: 0, hashes: []).verify(oldRoot: a, newRoot: a))
        #expect(ConsistencyProof(oldSize: 0, newSize: 5, hashes: []).verify(oldRoot: empty, newRoot: b))
        #expect(!ConsistencyProof(oldSize: 0, newSize: 5, hashes: []).verify(oldRoot: a, newRoot: b))
        #expect(!ConsistencyProof(oldSize: 0, newSize: 5, hashes: [a]).verify(oldRoot: empty, newRoot: b))
        #expect(ConsistencyProof(oldSize: 3, newSize: 3, hashes: []).verify(oldRoot: a, newRoot: a))
        #expect(!ConsistencyProof(oldSize: 3, newSize: 3, hashes: []).verify(oldRoot: a, newRoot: b))
        #expect(!ConsistencyProof(oldSize: 3, newSize: 3, hashes: [a]).verify(oldRoot: a, newRoot: a))
        #expect(!ConsistencyProof(oldSize: 4, newSize: 3, hashes: []).verify(oldRoot: a, newRoot: a))
        #expect(!ConsistencyProof(oldSize: 1, newSize: 2, hashes: []).verify(oldRoot: a, newRoot: b))
        #expect(!InclusionProof(leafIndex: 0, treeSize: 0, hashes: []).verify(leafHash: empty, root: empty))
        #expect(!InclusionProof(leafIndex: 1, treeSize: 1, hashes: []).verify(leafHash: a, root: a))
        #expect(InclusionProof(leafIndex: 0, treeSize: 1, hashes: []).verify(leafHash: a, root: a))
        #expect(!InclusionProof(leafIndex: 0, treeSize: 1, hashes: []).verify(leafHash: a, root: b))
    }

    @Test("Proofs from a tree that kept growing still verify against the root at their own size")
    func proofsAtEarlierSizes() throws {
        let leaves = Fixture.leafHashes(1_000)
        let full = InMemoryMerkleTree(leafHashes: leaves)
        var generator = SeededGenerator(seed: 9_162)
        for _ in 0..<500 {
            let size = UInt64.random(in: 1...1_000, using: &generator)
            let index = UInt64.random(in: 0..<size, using: &generator)
            let old = UInt64.random(in: 0...size, using: &generator)
            let root = try full.root(size: size)
            let inclusion = try full.inclusionProof(leafIndex: index, treeSize: size)
            #expect(inclusion.verify(leafHash: leaves[Int(index)], root: root))
            let consistency = try full.consistencyProof(from: old, to: size)
            #expect(consistency.verify(oldRoot: try full.root(size: old), newRoot: root))
        }
    }
}

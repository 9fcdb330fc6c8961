import Ledger
import Testing

@Suite("Merkle tree roots")
struct MerkleTreeTests {
    @Test("Compact, full and leaf-source roots equal the recursive definition at every size up to 300")
    func rootsAgreeWithDefinition() throws {
        let leaves = Fixture.leafHashes(300)
        var compact = MerkleTree()
        var full = InMemoryMerkleTree()
        for size in 0...leaves.count {
            let expected = Reference.mth(leaves[..<size])
            #expect(compact.root == expected, "size \(size)")
            #expect(full.root == expected, "size \(size)")
            #expect(compact.size == UInt64(size) && compact.peaks.count == size.nonzeroBitCount)
            if size < leaves.count {
                compact.append(leafHash: leaves[size])
                full.append(leafHash: leaves[size])
            }
        }
        for size in stride(from: 0, through: 300, by: 7) {
            #expect(try full.root(size: UInt64(size)) == Reference.mth(leaves[..<size]))
            #expect(try leaves.root(size: UInt64(size)) == Reference.mth(leaves[..<size]))
        }
    }

    @Test("A tree resumed from stored size and peaks continues exactly like the original")
    func resumeFromPeaks() throws {
        let leaves = Fixture.leafHashes(100)
        for cut in [0, 1, 31, 32, 33, 64, 99] {
            let head = MerkleTree(leafHashes: leaves[..<cut])
            var resumed = try MerkleTree(size: head.size, peaks: head.peaks)
            for leaf in leaves[cut...] {
                resumed.append(leafHash: leaf)
            }
            #expect(resumed == MerkleTree(leafHashes: leaves))
        }
    }

    @Test("Subtree roots of arbitrary ranges equal the recursive definition, aligned or not")
    func arbitrarySubtreeRoots() throws {
        let leaves = Fixture.leafHashes(40)
        let full = InMemoryMerkleTree(leafHashes: leaves)
        for low in 0...40 {
            for high in low...40 {
                let expected = Reference.mth(leaves[low..<high])
                #expect(try full.subtreeRoot(of: UInt64(low)..<UInt64(high)) == expected)
                #expect(try leaves.subtreeRoot(of: UInt64(low)..<UInt64(high)) == expected)
            }
        }
    }

    @Test("Reads past the stored leaves are refused, not trapped")
    func outOfRange() {
        let leaves = Fixture.leafHashes(5)
        #expect(throws: LedgerError.outOfRange) { try leaves.root(size: 6) }
        #expect(throws: LedgerError.outOfRange) { try leaves.inclusionProof(leafIndex: 5, treeSize: 5) }
        #expect(throws: LedgerError.outOfRange) { try leaves.inclusionProof(leafIndex: 0, treeSize: 6) }
        #expect(throws: LedgerError.outOfRange) { try leaves.consistencyProof(from: 3, to: 2) }
        #expect(throws: LedgerError.outOfRange) { try InMemoryMerkleTree().subtreeRoot(of: 0..<1) }
    }

    @Test("Hashes parse from hex and bytes only at exactly 32 bytes")
    func hashParsing() throws {
        let hash = MerkleHash.leafHash(of: [1, 2, 3])
        #expect(try MerkleHash(hex: hash.hex) == hash)
        #expect(try MerkleHash(hex: hash.hex.uppercased()) == hash)
        #expect(try MerkleHash(bytes: hash.bytes) == hash)
        #expect(throws: LedgerError.malformedHash) { try MerkleHash(bytes: hash.bytes.dropLast()) }
        #expect(throws: LedgerError.malformedHash) { try MerkleHash(hex: String(hash.hex.dropLast())) }
        #expect(throws: LedgerError.malformedHash) { try MerkleHash(hex: "zz" + hash.hex.dropFirst(2)) }
    }
}

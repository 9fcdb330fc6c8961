import Ledger
import Testing

// Expected values from transparency-dev/merkle: `testonly/constants.go` (RootHashes, NodeHashes) and
// `proof/verify_test.go` (inclusionProofs, consistencyProofs), which carry the RFC 6962 vectors of
// google/certificate-transparency. Leaf indexes there are 1-based; here they are 0-based.
@Suite("RFC 6962 / RFC 9162 known answers")
struct KnownAnswerTests {
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static let leafHashes = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ]

    static let inclusion: [(index: UInt64, size: UInt64, path: [String])] = [
        (0, 1, []),
        (
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    static let consistency: [(old: UInt64, new: UInt64, path: [String])] = [
        (1, 1, []),
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
        (
            6, 7,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
    ]

    var hashes: [MerkleHash] { Fixture.rfc6962Leaves.map { MerkleHash.leafHash(of: $0) } }

    @Test("Leaf hashes of the eight RFC 6962 inputs match")
    func leafHashVectors() {
        #expect(hashes.map(\.hex) == Self.leafHashes)
    }

    @Test("Roots of sizes 0 to 8 match, from the compact tree, the full tree and a leaf-hash source")
    func rootVectors() throws {
        var compact = MerkleTree()
        var full = InMemoryMerkleTree()
        #expect(compact.root.hex == Self.roots[0])
        #expect(full.root.hex == Self.roots[0])
        for (offset, leaf) in Fixture.rfc6962Leaves.enumerated() {
            compact.append(leaf: leaf)
            full.append(leaf: leaf)
            #expect(compact.root.hex == Self.roots[offset + 1], "size \(offset + 1)")
            #expect(full.root.hex == Self.roots[offset + 1], "size \(offset + 1)")
        }
        for size in 0...8 {
            #expect(try hashes.root(size: UInt64(size)).hex == Self.roots[size])
            #expect(try full.root(size: UInt64(size)).hex == Self.roots[size])
        }
        #expect(MerkleHash.emptyTreeRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("Inclusion proofs match the published paths and verify")
    func inclusionVectors() throws {
        let full = InMemoryMerkleTree(leafHashes: hashes)
        for vector in Self.inclusion {
            let proof = try full.inclusionProof(leafIndex: vector.index, treeSize: vector.size)
            #expect(proof.hashes.map(\.hex) == vector.path, "leaf \(vector.index) of \(vector.size)")
            #expect(try hashes.inclusionProof(leafIndex: vector.index, treeSize: vector.size) == proof)
            let root = try MerkleHash(hex: Self.roots[Int(vector.size)])
            #expect(proof.verify(leafHash: hashes[Int(vector.index)], root: root))
        }
    }

    @Test("Consistency proofs match the published paths and verify")
    func consistencyVectors() throws {
        let full = InMemoryMerkleTree(leafHashes: hashes)
        for vector in Self.consistency {
            let proof = try full.consistencyProof(from: vector.old, to: vector.new)
            #expect(proof.hashes.map(\.hex) == vector.path, "\(vector.old) → \(vector.new)")
            #expect(try hashes.consistencyProof(from: vector.old, to: vector.new) == proof)
            let old = try MerkleHash(hex: Self.roots[Int(vector.old)])
            let new = try MerkleHash(hex: Self.roots[Int(vector.new)])
            #expect(proof.verify(oldRoot: old, newRoot: new))
        }
    }

    @Test("The compact range of each size is its perfect-subtree roots, largest first")
    func compactRanges() throws {
        // transparency-dev/merkle testonly CompactTrees(): sizes 3, 6 and 7.
        let tree3 = MerkleTree(leafHashes: hashes.prefix(3))
        #expect(
            tree3.peaks.map(\.hex) == [
                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            ]
        )
        let tree7 = MerkleTree(leafHashes: hashes.prefix(7))
        #expect(
            tree7.peaks.map(\.hex) == [
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            ]
        )
        var resumed = try MerkleTree(size: 7, peaks: tree7.peaks)
        resumed.append(leafHash: hashes[7])
        #expect(resumed.root.hex == Self.roots[8])
        #expect(throws: LedgerError.invalidCompactRange) { try MerkleTree(size: 7, peaks: tree3.peaks) }
    }
}

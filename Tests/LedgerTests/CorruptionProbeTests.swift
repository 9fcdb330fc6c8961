import Ledger
import SeededRandom
import Testing

/// Probes in the style of transparency-dev/merkle `proof/verify_test.go` (corruptInclusionProof,
/// corruptConsistencyProof), widened: every bit of every proof element, every element removed, adjacent elements
/// swapped, and the binary encoding with bytes appended or changed. A probe is "accepted" when verification
/// (or, for encodings, decoding) succeeds; the count must be zero.
@Suite("Corruption probes")
struct CorruptionProbeTests {
    static let leaves = Fixture.leafHashes(64)
    static let someHash = MerkleHash.leafHash(of: Array("abacaba".utf8))

    struct Tally {
        var probes = 0
        var accepted: [String] = []

        mutating func record(_ accepted: Bool, _ description: @autoclosure () -> String) {
            probes += 1
            if accepted {
                self.accepted.append(description())
            }
        }
    }

    /// The proof with each element removed, each adjacent pair swapped, and elements added at each end.
    static func reshaped(_ hashes: [MerkleHash], extras: [MerkleHash]) -> [(String, [MerkleHash])] {
        var variants: [(String, [MerkleHash])] = []
        for position in hashes.indices {
            var removed = hashes
            removed.remove(at: position)
            variants.append(("removed [\(position)]", removed))
        }
        for position in hashes.indices.dropLast() where hashes[position] != hashes[position + 1] {
            var swapped = hashes
            swapped.swapAt(position, position + 1)
            variants.append(("swapped [\(position)]", swapped))
        }
        for (offset, extra) in extras.enumerated() {
            variants.append(("appended extra \(offset)", hashes + [extra]))
            variants.append(("prepended extra \(offset)", [extra] + hashes))
        }
        return variants
    }

    /// Every single-bit change of every element.
    static func bitFlips(_ hashes: [MerkleHash]) throws -> [(String, [MerkleHash])] {
        var variants: [(String, [MerkleHash])] = []
        for position in hashes.indices {
            for byte in 0..<MerkleHash.byteCount {
                for bit in 0..<8 {
                    var bytes = hashes[position].bytes
                    bytes[byte] ^= 1 << UInt8(bit)
                    var flipped = hashes
                    flipped[position] = try MerkleHash(bytes: bytes)
                    variants.append(("bit \(byte * 8 + bit) of [\(position)]", flipped))
                }
            }
        }
        return variants
    }

    /// The encoding with garbage appended, a byte dropped, and the version, kind and count bytes changed.
    static func corruptEncodings(_ bytes: [UInt8], generator: inout SeededGenerator) -> [(String, [UInt8])] {
        var variants: [(String, [UInt8])] = [
            ("appended 0x00", bytes + [0]),
            ("appended random", bytes + generator.bytes(Int.random(in: 1...40, using: &generator))),
            ("appended a hash", bytes + someHash.bytes),
            ("dropped last byte", Array(bytes.dropLast())),
        ]
        for (name, index) in [("version", 0), ("kind", 1), ("count", 18)] {
            var changed = bytes
            changed[index] &+= 1
            variants.append(("\(name) + 1", changed))
        }
        return variants
    }

    @Test("No corrupted inclusion proof for index < size ≤ 32 is accepted")
    func inclusionProbes() throws {
        let full = InMemoryMerkleTree(leafHashes: Self.leaves)
        var tally = Tally()
        var generator = SeededGenerator(seed: 6_962)
        for size in UInt64(1)...32 {
            let root = try full.root(size: size)
            for index in 0..<size {
                let proof = try full.inclusionProof(leafIndex: index, treeSize: size)
                let leaf = Self.leaves[Int(index)]
                #expect(proof.verify(leafHash: leaf, root: root))
                let label = "\(index)/\(size)"
                func probe(
                    _ what: String, _ i: UInt64, _ n: UInt64, _ hashes: [MerkleHash], leaf l: MerkleHash = leaf,
                    root r: MerkleHash = root
                ) {
                    let candidate = InclusionProof(leafIndex: i, treeSize: n, hashes: hashes)
                    tally.record(candidate.verify(leafHash: l, root: r), "\(label) \(what)")
                }
                probe("index - 1", index &- 1, size, proof.hashes)
                probe("index + 1", index + 1, size, proof.hashes)
                probe("index ^ 2", index ^ 2, size, proof.hashes)
                probe("size * 2", index, size * 2, proof.hashes)
                probe("size / 2", index, size / 2, proof.hashes)
                probe("wrong leaf", index, size, proof.hashes, leaf: MerkleHash.leafHash(of: Array("WrongLeaf".utf8)))
                probe("neighbour leaf", index, size, proof.hashes, leaf: Self.leaves[Int(index) + 1])
                probe("empty root", index, size, proof.hashes, root: .emptyTreeRoot)
                probe("random root", index, size, proof.hashes, root: generator.hash())
                if leaf != root {
                    probe("leaf and root swapped", index, size, proof.hashes, leaf: root, root: leaf)
                }
                for (what, hashes) in Self.reshaped(proof.hashes, extras: [Self.someHash, root, leaf]) {
                    probe(what, index, size, hashes)
                }
                for (what, hashes) in try Self.bitFlips(proof.hashes) {
                    probe(what, index, size, hashes)
                }
                for (what, bytes) in Self.corruptEncodings(proof.encodedBytes, generator: &generator) {
                    tally.record((try? InclusionProof(decoding: bytes)) != nil, "\(label) encoding \(what)")
                }
            }
        }
        print("inclusion corruption probes: \(tally.probes) run, \(tally.accepted.count) accepted")
        #expect(tally.probes > 100_000)
        #expect(tally.accepted.count == 0, "accepted: \(tally.accepted.prefix(20))")
    }

    @Test("No corrupted consistency proof for m ≤ n ≤ 32 is accepted")
    func consistencyProbes() throws {
        let full = InMemoryMerkleTree(leafHashes: Self.leaves)
        var tally = Tally()
        var generator = SeededGenerator(seed: 9_162)
        for new in UInt64(0)...32 {
            let newRoot = try full.root(size: new)
            for old in 0...new {
                let oldRoot = try full.root(size: old)
                let proof = try full.consistencyProof(from: old, to: new)
                #expect(proof.verify(oldRoot: oldRoot, newRoot: newRoot))
                let label = "\(old) → \(new)"
                func probe(
                    _ what: String, _ m: UInt64, _ n: UInt64, _ hashes: [MerkleHash],
                    roots: (MerkleHash, MerkleHash) = (oldRoot, newRoot)
                ) {
                    let candidate = ConsistencyProof(oldSize: m, newSize: n, hashes: hashes)
                    tally.record(candidate.verify(oldRoot: roots.0, newRoot: roots.1), "\(label) \(what)")
                }
                let random = generator.hash()
                // Wrong roots are wrong in every case, including the proof-free ones (m = 0, m = n).
                probe("random old root", old, new, proof.hashes, roots: (random, newRoot))
                if oldRoot != newRoot {
                    probe("swapped roots", old, new, proof.hashes, roots: (newRoot, oldRoot))
                }
                // Every tree extends the empty one (RFC 9162 §2.1.4), so with m = 0 the new root is unconstrained.
                if old > 0 {
                    probe("random new root", old, new, proof.hashes, roots: (oldRoot, random))
                    if oldRoot != newRoot {
                        probe("old root for both", old, new, proof.hashes, roots: (oldRoot, oldRoot))
                    }
                }
                probe("old > new", new + 1, new, proof.hashes)
                probe("added element", old, new, proof.hashes + [Self.someHash])
                for (what, bytes) in Self.corruptEncodings(proof.encodedBytes, generator: &generator) {
                    tally.record((try? ConsistencyProof(decoding: bytes)) != nil, "\(label) encoding \(what)")
                }
                // The transparency-dev probes proper apply to non-trivial proofs (0 < m < n).
                guard !proof.hashes.isEmpty else { continue }
                probe("old - 1", old - 1, new, proof.hashes)
                probe("old + 1", old + 1, new, proof.hashes)
                probe("old ^ 2", old ^ 2, new, proof.hashes)
                probe("new * 2", old, new * 2, proof.hashes)
                probe("new / 2", old, new / 2, proof.hashes)
                probe("empty proof", old, new, [])
                let extras = [Self.someHash, oldRoot, newRoot, proof.hashes[0]]
                for (what, hashes) in Self.reshaped(proof.hashes, extras: extras) {
                    probe(what, old, new, hashes)
                }
                for (what, hashes) in try Self.bitFlips(proof.hashes) {
                    probe(what, old, new, hashes)
                }
            }
        }
        print("consistency corruption probes: \(tally.probes) run, \(tally.accepted.count) accepted")
        #expect(tally.probes > 100_000)
        #expect(tally.accepted.count == 0, "accepted: \(tally.accepted.prefix(20))")
    }
}

import FuzzSupport
import Ledger

// The audit ledger's binary forms as they arrive from outside for verification: inclusion and consistency
// proofs (InclusionProof/ConsistencyProof(decoding:)) and ledger entries (LedgerEntry(decoding:)). Every input
// is offered to all three; the kind byte and the entry's domain let at most one accept it.
//
// Invariants: a decoded proof or entry re-encodes to exactly its input; a proof's sizes are in order and it
// holds no more hashes than RFC 9162 allows for them (⌈log2 n⌉ for inclusion, ⌈log2 n⌉ + 1 for consistency);
// an inclusion proof verifies against the root it computes; verifying never traps, whatever the roots.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    var accepted = 0
    if let proof = try? InclusionProof(decoding: bytes) {
        accepted += 1
        invariant(proof.encodedBytes == bytes, "inclusion proof re-encodes differently")
        invariant(proof.leafIndex < proof.treeSize, "leaf \(proof.leafIndex) not below size \(proof.treeSize)")
        invariant(
            proof.hashes.count <= ceilingLog2(proof.treeSize), "\(proof.hashes.count) hashes for \(proof.treeSize)")
        let leaf = hash(filledWith: bytes.count > 20 ? bytes[19] : 0)
        guard let root = proof.root(forLeafHash: leaf) else {
            invariant(false, "no root for a well-formed inclusion proof")
            return 0
        }
        invariant(proof.verify(leafHash: leaf, root: root), "inclusion proof does not verify against its own root")
    }
    if let proof = try? ConsistencyProof(decoding: bytes) {
        accepted += 1
        invariant(proof.encodedBytes == bytes, "consistency proof re-encodes differently")
        invariant(proof.oldSize <= proof.newSize, "old size \(proof.oldSize) above new size \(proof.newSize)")
        invariant(
            proof.hashes.count <= ceilingLog2(proof.newSize) + 1, "\(proof.hashes.count) hashes for \(proof.newSize)")
        let first = proof.hashes.first ?? hash(filledWith: 0)
        _ = proof.verify(oldRoot: first, newRoot: proof.hashes.last ?? first)
    }
    if let entry = try? LedgerEntry(decoding: bytes) {
        accepted += 1
        invariant(entry.canonicalBytes == bytes, "ledger entry re-encodes differently")
        _ = entry.leafHash
    }
    invariant(accepted <= 1, "one input decoded as \(accepted) different things")
    return 0
}

private func hash(filledWith byte: UInt8) -> MerkleHash {
    guard let hash = try? MerkleHash(bytes: Array(repeating: byte, count: MerkleHash.byteCount)) else {
        fatalError("32 bytes make a hash")
    }
    return hash
}

// ⌈log2 n⌉, the height of a Merkle tree of n leaves: 0 for n ≤ 1.
private func ceilingLog2(_ n: UInt64) -> Int {
    n <= 1 ? 0 : UInt64.bitWidth - (n - 1).leadingZeroBitCount
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_ledger_proofs_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}

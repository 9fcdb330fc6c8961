import Crypto

extension MerkleHash {
    // RFC 9162 §2.1.1: distinct one-byte prefixes for leaves and interior nodes, so no leaf can be passed off
    // as an interior node (second-preimage resistance of the tree).
    private static let leafPrefix: UInt8 = 0x00
    private static let nodePrefix: UInt8 = 0x01

    /// The root of the empty tree, `SHA-256("")` (RFC 9162 §2.1.1).
    public static let emptyTreeRoot = MerkleHash(digest: SHA256.hash(data: [UInt8]()))

    /// The leaf hash `SHA-256(0x00 || leaf)` of a leaf's bytes (RFC 9162 §2.1.1).
    public static func leafHash(of leaf: some Sequence<UInt8>) -> MerkleHash {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: leafPrefix) { hasher.update(bufferPointer: $0) }
        let contiguous: Void? = leaf.withContiguousStorageIfAvailable { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if contiguous == nil {
            hasher.update(data: Array(leaf))
        }
        return MerkleHash(digest: hasher.finalize())
    }

    /// The interior node hash `SHA-256(0x01 || left || right)` (RFC 9162 §2.1.1).
    public static func nodeHash(left: MerkleHash, right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        Swift.withUnsafeBytes(of: nodePrefix) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return MerkleHash(digest: hasher.finalize())
    }

    /// A SHA-256 digest as a Merkle hash.
    public init(digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { MerkleHash(unsafeRawBytes: $0) }
    }
}

// Both proofs share one compact binary form:
//   version (1 byte, 0x01) | kind (1 byte) | first (UInt64 BE) | second (UInt64 BE) | count (1 byte) |
//   count × 32-byte hash
// The kind byte keeps an inclusion proof from ever decoding as a consistency proof. Decoding is strict: the
// count must be the only length RFC 9162 allows for the two numbers, and nothing may follow the last hash.

private enum ProofEncoding {
    static let version: UInt8 = 0x01
    static let inclusionKind: UInt8 = 0x01
    static let consistencyKind: UInt8 = 0x02
    static let headerCount = 19

    static func encode(kind: UInt8, first: UInt64, second: UInt64, hashes: [MerkleHash]) -> [UInt8] {
        var bytes: [UInt8] = [version, kind]
        bytes.reserveCapacity(headerCount + hashes.count * MerkleHash.byteCount)
        bytes.appendBigEndian(first)
        bytes.appendBigEndian(second)
        // A proof over UInt64 sizes has at most 65 nodes, so one byte always holds the count.
        bytes.append(UInt8(truncatingIfNeeded: hashes.count))
        for hash in hashes {
            bytes.append(hash)
        }
        return bytes
    }

    static func decode(
        _ input: some Collection<UInt8>,
        kind: UInt8,
        expectedCount: (UInt64, UInt64) throws(LedgerError) -> Int
    ) throws(LedgerError) -> (UInt64, UInt64, [MerkleHash]) {
        var reader = ByteReader(Array(input))
        guard let version = reader.readByte() else { throw .malformedProof("empty") }
        guard version == Self.version else { throw .unsupportedVersion }
        guard reader.readByte() == kind else { throw .malformedProof("wrong proof kind") }
        guard let first = reader.readUInt64(), let second = reader.readUInt64(), let count = reader.readByte() else {
            throw .malformedProof("truncated header")
        }
        guard Int(count) == (try expectedCount(first, second)) else {
            throw .malformedProof("wrong number of hashes for the sizes")
        }
        guard reader.remaining == Int(count) * MerkleHash.byteCount else {
            throw .malformedProof("length does not match the hash count")
        }
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(Int(count))
        while let hash = reader.readHash() {
            hashes.append(hash)
        }
        return (first, second, hashes)
    }
}

extension InclusionProof {
    /// The compact binary form: `0x01 | 0x01 | leafIndex (UInt64 BE) | treeSize (UInt64 BE) | count (1 byte) |
    /// count × 32-byte hash`.
    public var encodedBytes: [UInt8] {
        ProofEncoding.encode(
            kind: ProofEncoding.inclusionKind,
            first: leafIndex,
            second: treeSize,
            hashes: hashes
        )
    }

    /// Decodes ``encodedBytes`` strictly: known version and kind, `leafIndex < treeSize`, exactly the number of
    /// hashes RFC 9162 gives for them, and no trailing bytes. Throws ``LedgerError`` on anything else; never
    /// traps.
    public init(decoding bytes: some Collection<UInt8>) throws(LedgerError) {
        let (leafIndex, treeSize, hashes) = try ProofEncoding.decode(bytes, kind: ProofEncoding.inclusionKind) {
            (leafIndex, treeSize) throws(LedgerError) in
            guard leafIndex < treeSize else { throw .malformedProof("leaf index not below tree size") }
            return ProofShape.inclusion(leafIndex: leafIndex, treeSize: treeSize).count
        }
        self.init(leafIndex: leafIndex, treeSize: treeSize, hashes: hashes)
    }
}

extension ConsistencyProof {
    /// The compact binary form: `0x01 | 0x02 | oldSize (UInt64 BE) | newSize (UInt64 BE) | count (1 byte) |
    /// count × 32-byte hash`.
    public var encodedBytes: [UInt8] {
        ProofEncoding.encode(
            kind: ProofEncoding.consistencyKind,
            first: oldSize,
            second: newSize,
            hashes: hashes
        )
    }

    /// Decodes ``encodedBytes`` strictly: known version and kind, `oldSize ≤ newSize`, exactly the number of
    /// hashes RFC 9162 gives for them, and no trailing bytes. Throws ``LedgerError`` on anything else; never
    /// traps.
    public init(decoding bytes: some Collection<UInt8>) throws(LedgerError) {
        let (oldSize, newSize, hashes) = try ProofEncoding.decode(bytes, kind: ProofEncoding.consistencyKind) {
            (oldSize, newSize) throws(LedgerError) in
            guard oldSize <= newSize else { throw .malformedProof("old size above new size") }
            return ProofShape.consistency(from: oldSize, to: newSize).count
        }
        self.init(oldSize: oldSize, newSize: newSize, hashes: hashes)
    }
}

/// A bounds-checked cursor over bytes for the strict decoders: every read returns `nil` rather than trapping
/// when the input is short.
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True when every byte has been consumed.
    var isAtEnd: Bool { position == bytes.count }

    /// The number of bytes not yet read.
    var remaining: Int { bytes.count - position }

    mutating func readByte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readBytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= remaining else { return nil }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func readUInt32() -> UInt32? {
        readBytes(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func readUInt64() -> UInt64? {
        readBytes(8).map { $0.reduce(0) { $0 << 8 | UInt64($1) } }
    }

    mutating func readHash() -> MerkleHash? {
        readBytes(MerkleHash.byteCount).flatMap { try? MerkleHash(bytes: $0) }
    }
}

/// Big-endian and length-prefixed appends for the canonical encodings.
extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    mutating func appendBigEndian(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) {
            append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    mutating func append(_ hash: MerkleHash) {
        hash.withUnsafeBytes { append(contentsOf: $0) }
    }
}

/// A 32-byte SHA-256 value in a Merkle tree: a leaf hash, an interior node hash or a root.
///
/// Stored inline (no heap allocation) so a million-leaf tree is a flat array of values.
public struct MerkleHash: Sendable, Hashable, CustomStringConvertible {
    // Four words holding the 32 bytes in memory order, so `withUnsafeBytes` hands the digest to SHA-256
    // without copying; homogeneous tuples are laid out contiguously.
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in a hash.
    public static let byteCount = 32

    /// A hash from exactly 32 bytes; ``LedgerError/malformedHash`` otherwise.
    public init(bytes: some Collection<UInt8>) throws(LedgerError) {
        guard bytes.count == Self.byteCount else { throw .malformedHash }
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (offset, byte) in bytes.enumerated() {
                raw[offset] = byte
            }
        }
    }

    /// A hash from 64 hexadecimal digits (either case); ``LedgerError/malformedHash`` otherwise.
    public init(hex: String) throws(LedgerError) {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * Self.byteCount else { throw .malformedHash }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else {
                throw .malformedHash
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        try self.init(bytes: bytes)
    }

    /// Copies a raw 32-byte buffer; callers guarantee the length.
    init(unsafeRawBytes raw: UnsafeRawBufferPointer) {
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw.prefix(Self.byteCount)))
        }
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes(Array.init)
    }

    /// Lower-case hexadecimal, 64 digits.
    public var hex: String {
        let alphabet = Array("0123456789abcdef".utf8)
        var digits: [UInt8] = []
        digits.reserveCapacity(2 * Self.byteCount)
        withUnsafeBytes { raw in
            for byte in raw {
                digits.append(alphabet[Int(byte >> 4)])
                digits.append(alphabet[Int(byte & 0x0f)])
            }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The hash in hexadecimal.
    public var description: String { hex }

    /// Calls `body` with the 32 bytes in place.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words, body)
    }

    /// Equality is byte equality.
    public static func == (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.words == rhs.words
    }

    /// Hashes the 32 bytes.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

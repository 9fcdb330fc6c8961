import Foundation

/// A typed, random identifier: a UUID tagged with the kind of thing it names.
///
/// Its text form is the lowercase hyphenated UUID, which is also how it is encoded. Identifiers made by
/// ``generate(now:)`` are UUIDv7, so they sort in creation order.
public struct Identifier<Tag: IdentifierTag>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps an existing UUID.
    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    /// Parses the hyphenated UUID text form (`8-4-4-4-12` hex digits, any case); `nil` for anything else.
    // Inlinable so that a store decoding rows calls it specialised for its tag, not through generic metadata.
    @inlinable
    public init?(_ string: String) {
        guard let bytes = parseUUIDText(string) else { return nil }
        self.uuid = UUID(uuid: bytes)
    }

    /// Parses the UTF-8 bytes of the hyphenated UUID text form, as ``init(_:)`` parses text: a store decoding rows
    /// reads the column's bytes without making a String of them.
    @inlinable
    public init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard let bytes = parseUUIDText(text) else { return nil }
        self.uuid = UUID(uuid: bytes)
    }

    /// The lowercase hyphenated UUID, e.g. `0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f`.
    public var description: String {
        // Written straight into the string's storage: ids are printed for every stored row and ledger leaf.
        String(unsafeUninitializedCapacity: 36) { text in
            Self.write(uuid, into: text)
            return 36
        }
    }

    /// Writes `uuid`'s lowercase hyphenated form (``description``'s 36 bytes) into `text`, which must hold 36.
    public static func write(_ uuid: UUID, into text: UnsafeMutableBufferPointer<UInt8>) {
        precondition(text.count >= 36, "an id's text is 36 bytes")
        withUnsafeBytes(of: uuid.uuid) { raw in
            var position = 0
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                text[position] = hexDigit(byte >> 4)
                text[position + 1] = hexDigit(byte & 0x0F)
                position += 2
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Orders by the UUID's bytes, which for UUIDv7 is creation order (to the millisecond).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        let left = lhs.halves
        let right = rhs.halves
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    /// Decodes from the UUID text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(text.prefix(40))")
        }
        self = value
    }

    /// Encodes as the lowercase UUID text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The sixteen bytes of the UUID, most significant first.
    var bytes: [UInt8] {
        let u = uuid.uuid
        return [
            u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7,
            u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15,
        ]
    }

    // The UUID as two big-endian integers, so comparing ids allocates nothing.
    private var halves: (high: UInt64, low: UInt64) {
        withUnsafeBytes(of: uuid.uuid) { raw in
            (
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
    }
}

/// The sixteen bytes of a hyphenated UUID text (`8-4-4-4-12` hex digits, any case); nil for anything else.
///
/// Every stored row's ids are parsed here, so it reads the text's contiguous UTF-8 at fixed offsets.
@usableFromInline
func parseUUIDText(_ string: String) -> uuid_t? {
    var string = string
    return string.withUTF8 { parseUUIDText($0) }
}

/// ``parseUUIDText(_:)`` of UTF-8 bytes.
@usableFromInline
func parseUUIDText(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
    let dash = UInt8(ascii: "-")
    guard text.count == 36, text[8] == dash, text[13] == dash, text[18] == dash, text[23] == dash else {
        return nil
    }
    var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    let parsed = withUnsafeMutableBytes(of: &uuid) { bytes -> Bool in
        var position = 0
        for index in 0..<16 {
            if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
            guard let high = hexValue(text[position]), let low = hexValue(text[position + 1]) else {
                return false
            }
            bytes[index] = high << 4 | low
            position += 2
        }
        return true
    }
    return parsed ? uuid : nil
}

private func hexValue(_ char: UInt8) -> UInt8? {
    switch char {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
    default: nil
    }
}

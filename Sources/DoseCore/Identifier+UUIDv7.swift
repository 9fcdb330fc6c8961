import Foundation

extension Identifier {
    /// Makes a new UUIDv7 identifier (RFC 9562 §5.7) stamped with `now`.
    ///
    /// The first 48 bits are the Unix time in milliseconds, so identifiers made later sort later and
    /// database inserts land near each other; the remaining 74 bits are random from the system generator.
    public static func generate(now: Date = Date()) -> Self {
        var random = SystemRandomNumberGenerator()
        return generate(now: now, using: &random)
    }

    /// Makes a new UUIDv7 identifier stamped with `now`, drawing its random bits from `generator`.
    ///
    /// Seeded generators make identifiers reproducible (demo data, tests); production code uses
    /// ``generate(now:)``.
    public static func generate(now: Date, using generator: inout some RandomNumberGenerator) -> Self {
        let milliseconds = unixMilliseconds(now)
        let randomHigh = generator.next() as UInt64
        let randomLow = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: randomHigh) & 0x0F
        bytes[7] = UInt8(truncatingIfNeeded: randomHigh >> 8)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: randomHigh >> 16) & 0x3F
        for index in 9..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: randomLow >> (8 * (index - 9)))
        }
        return Self(
            UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                    bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                )
            )
        )
    }

    /// The UUID version number (7 for identifiers made by ``generate(now:)``).
    public var version: Int { Int(uuid.uuid.6 >> 4) }

    /// The millisecond timestamp in a UUIDv7, or `nil` for other versions.
    public var timestamp: Date? {
        guard version == 7 else { return nil }
        let milliseconds = bytes.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    // Clocks before 1970 or past the 48-bit range (year 10889) are clamped rather than trapping.
    private static func unixMilliseconds(_ date: Date) -> UInt64 {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard milliseconds.isFinite, milliseconds > 0 else { return 0 }
        let maximum: UInt64 = (1 << 48) - 1
        guard milliseconds < Double(maximum) else { return maximum }
        return UInt64(milliseconds)
    }
}

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
        // Built in place: an array per identifier is a heap allocation for each of the millions a lab file makes.
        func time(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        func low(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: randomLow >> (8 * (index - 9))) }
        return Self(
            UUID(
                uuid: (
                    time(0), time(1), time(2), time(3), time(4), time(5),
                    0x70 | UInt8(truncatingIfNeeded: randomHigh) & 0x0F, UInt8(truncatingIfNeeded: randomHigh >> 8),
                    0x80 | UInt8(truncatingIfNeeded: randomHigh >> 16) & 0x3F,
                    low(9), low(10), low(11), low(12), low(13), low(14), low(15)
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

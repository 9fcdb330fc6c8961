import Foundation

/// Searches bytes for many needles at once (indexed by their first four bytes), for the
/// "nothing personal in clear at rest or in logs" tests.
public struct PlaintextScan: Sendable {
    private var byPrefix: [UInt32: [[UInt8]]] = [:]
    /// Every needle searched for.
    public private(set) var needles: Set<String> = []

    public init() {}

    /// Adds a needle; needles shorter than `minimumLength` bytes are refused so a scan can never pass by
    /// matching nothing, nor fail on chance matches in random ciphertext (a 5-byte string has a 2⁻⁴⁰
    /// chance per position).
    public mutating func add(_ needle: String, minimumLength: Int = 5) throws {
        let bytes = Array(needle.utf8)
        guard bytes.count >= minimumLength else { throw TooShort(needle: needle) }
        guard needles.insert(needle).inserted else { return }
        byPrefix[Self.prefix(bytes, 0), default: []].append(bytes)
    }

    /// The needles that occur in `haystack`.
    public func hits(in haystack: [UInt8]) -> Set<String> {
        var found = Set<String>()
        guard haystack.count >= 4 else { return found }
        haystack.withUnsafeBufferPointer { buffer in
            for position in 0...(buffer.count - 4) {
                let key =
                    UInt32(buffer[position]) | UInt32(buffer[position + 1]) << 8
                    | UInt32(buffer[position + 2]) << 16 | UInt32(buffer[position + 3]) << 24
                guard let candidates = byPrefix[key] else { continue }
                for needle in candidates where position + needle.count <= buffer.count {
                    if zip(needle, buffer[position..<position + needle.count]).allSatisfy({ $0 == $1 }) {
                        found.insert(String(decoding: needle, as: UTF8.self))
                    }
                }
            }
        }
        return found
    }

    /// The needles found in a text dump whose binary values are hex-encoded (such as `pg_dump` output,
    /// where bytea is `\\x…`): a needle counts in clear text, and also hex-encoded (plaintext kept in a
    /// binary column). A needle made only of hex digits (a date like `19721222`) inside a run of hex digits
    /// is a chance match within ciphertext, not plaintext, so it counts only at a non-hex boundary.
    public func hits(inHexDump haystack: [UInt8]) -> Set<String> {
        var found = Set<String>()
        var encoded = PlaintextScan()
        var original: [String: String] = [:]
        // Hex-encoded, a 5-byte needle is 10 hex digits: 2⁻⁴⁰ per position, and a dump holds millions of hex
        // digits of ciphertext for thousands of needles, so chance matches would fail about one run in a
        // hundred. From 6 bytes (2⁻⁴⁸) they do not; the 5-byte names of a person stored raw would still be
        // caught by the person's longer values (date of birth, NINO, e-mail) stored beside them.
        for needle in needles where needle.utf8.count >= 6 {
            let hex = needle.utf8.map { String(format: "%02x", $0) }.joined()
            original[hex] = needle
            try? encoded.add(hex)
        }
        found.formUnion(encoded.hits(in: haystack).compactMap { original[$0] })
        for needle in hits(in: haystack) {
            let bytes = Array(needle.utf8)
            guard bytes.allSatisfy(Self.isHex) else {
                found.insert(needle)
                continue
            }
            // Check every occurrence for hex-free boundaries.
            var start = 0
            while let range = haystack[start...].firstRange(of: bytes) {
                let before = range.lowerBound > 0 ? haystack[range.lowerBound - 1] : 0x20
                let after = range.upperBound < haystack.count ? haystack[range.upperBound] : 0x20
                if !Self.isHex(before) && !Self.isHex(after) {
                    found.insert(needle)
                    break
                }
                start = range.lowerBound + 1
            }
        }
        return found
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }

    /// The needles found in any of the files (missing files are skipped and reported by the caller).
    public func hits(inFiles paths: [String]) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            result[path] = hits(in: Array(data))
        }
        return result
    }

    private static func prefix(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16
            | UInt32(bytes[index + 3]) << 24
    }

    /// A needle too short to search for meaningfully.
    public struct TooShort: Error, CustomStringConvertible {
        public let needle: String
        public var description: String { "needle shorter than the minimum length" }
    }
}

/// A UK National Insurance number, checked against HMRC's format rules and stored as 9 upper-case
/// characters without spaces, e.g. `AB123456C`.
public struct NINO: Hashable, Sendable, Codable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The normalised number: 2 letters, 6 digits, a suffix letter A–D.
    public let value: String

    // The longest input worth reading: a spaced NINO is 13 characters; generous room for odd spacing.
    private static let maximumInputBytes = 64
    private static let forbiddenFirst: Set<UInt8> = Set("DFIQUV".utf8)
    private static let forbiddenSecond: Set<UInt8> = Set("DFIOQUV".utf8)
    private static let neverIssued: Set<String> = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]

    /// Parses `text`, which may contain spaces anywhere and letters in any case.
    public init(parsing text: String) throws(NINOError) {
        // Length first, so a huge string costs nothing more than this check.
        guard text.utf8.count <= Self.maximumInputBytes else { throw .wrongLength }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(9)
        var sawInvalid = false
        for byte in text.utf8 where byte != UInt8(ascii: " ") {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            default: sawInvalid = true
            }
        }
        guard !(bytes.isEmpty && !sawInvalid) else { throw .empty }
        guard !sawInvalid else { throw .invalidCharacters }
        guard bytes.count == 9 else { throw .wrongLength }
        guard Self.isLetter(bytes[0]), !Self.forbiddenFirst.contains(bytes[0]) else { throw .invalidFirstLetter }
        guard Self.isLetter(bytes[1]), !Self.forbiddenSecond.contains(bytes[1]) else { throw .invalidSecondLetter }
        guard !Self.neverIssued.contains(String(decoding: bytes[0..<2], as: UTF8.self)) else {
            throw .neverIssuedPrefix
        }
        guard bytes[2..<8].allSatisfy(Self.isDigit) else { throw .invalidDigits }
        guard (UInt8(ascii: "A")...UInt8(ascii: "D")).contains(bytes[8]) else { throw .invalidSuffix }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// All but the last three characters hidden, e.g. `••••••56C`, for lists and logs of screens.
    public var masked: String {
        String(repeating: "•", count: value.count - 3) + value.suffix(3)
    }

    /// The conventional spaced form, e.g. `AB 12 34 56 C`.
    public var spaced: String {
        let characters = Array(value)
        return [characters[0..<2], characters[2..<4], characters[4..<6], characters[6..<8], characters[8..<9]]
            .map { String($0) }
            .joined(separator: " ")
    }

    /// The masked form, so a NINO interpolated into a log line or message never shows in full;
    /// use ``value`` where the whole number is meant.
    public var description: String { masked }

    /// The masked form, for the same reason as ``description``.
    public var debugDescription: String { "NINO(\(masked))" }

    /// Decodes from text, checking it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Self(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    /// Encodes as the normalised text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

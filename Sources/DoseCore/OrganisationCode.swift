/// A customer organisation's short code, e.g. `AVUHB`: 2–16 characters of `A–Z`, `0–9` and `-`,
/// starting with a letter or digit, stored in upper case.
public struct OrganisationCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The normalised code.
    public let value: String

    /// Trims and upper-cases `raw`, then checks it.
    public init(_ raw: String) throws(ValidationError) {
        let trimmed = raw.trimmingWhitespace()
        guard trimmed.utf8.count <= 16 else {
            throw ValidationError(field: "code", reason: "an organisation code has at most 16 characters")
        }
        guard trimmed.utf8.count >= 2 else {
            throw ValidationError(field: "code", reason: "an organisation code has at least 2 characters")
        }
        var bytes: [UInt8] = []
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                bytes.append(byte)
            default:
                throw ValidationError(
                    field: "code", reason: "an organisation code may only contain letters A–Z, digits and '-'")
            }
        }
        guard bytes.first != UInt8(ascii: "-") else {
            throw ValidationError(field: "code", reason: "an organisation code must start with a letter or digit")
        }
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The code itself.
    public var description: String { value }

    /// Decodes from the code text, checking it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try Self(container.decode(String.self))
    }

    /// Encodes as the code text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// The version number of one key in a ``Keyset`` (Tink's "key id"), written big-endian into every envelope header
/// so the reader knows which key to use.
///
/// Versions start at 1 and only ever grow: ``Keyset/adding()`` never reuses a version, even a retired one, so a
/// ciphertext under a retired key fails with ``VaultError/keyUnavailable(_:)`` rather than meeting a new key.
public struct KeyVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The version as stored in envelope headers and wrapped-key rows.
    public let rawValue: UInt32

    /// Makes a version from its stored number.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Makes a version from its stored number.
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Orders versions by number, so the newest key is the greatest.
    public static func < (lhs: KeyVersion, rhs: KeyVersion) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `v` followed by the number, e.g. `v3`.
    public var description: String {
        "v\(rawValue)"
    }

    // A bare number in JSON (`"primary": 3`), matching the keyset file and the stores' integer columns.
    /// Decodes a version from a bare unsigned integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.rawValue = try container.decode(UInt32.self)
    }

    /// Encodes the version as a bare unsigned integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension KeyVersion: ExpressibleByIntegerLiteral {
    /// Lets a literal stand for a version: `DataKey.generate(version: 1)`.
    public init(integerLiteral value: UInt32) {
        self.rawValue = value
    }
}

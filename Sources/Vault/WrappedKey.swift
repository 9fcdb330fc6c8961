/// A 256-bit key stored only in encrypted form: a person's data key under their organisation's keyset, or one
/// version of an organisation keyset under the root keyset (DESIGN.md §2).
///
/// `version` and `wrappingVersion` are kept in clear beside the envelope so rotation can count what is left to
/// rewrap without decrypting anything (``RotationPlan``). Both are also authenticated: `wrappingVersion` is the
/// envelope's header, which must agree with it, and `version` is part of the associated data, so neither can be
/// edited in the store to pass one key off as another. Deleting the row shreds every value under the key.
public struct WrappedKey: Sendable, Hashable, Codable {
    /// The version of the wrapped key itself (the version its envelopes carry).
    public var version: KeyVersion
    /// The version of the keyset key that wrapped it.
    public var wrappingVersion: KeyVersion
    /// The wrapped key as envelope bytes (33 bytes of overhead plus the 32-byte key).
    public var envelope: [UInt8]

    /// Rebuilds a wrapped key from its stored row.
    public init(version: KeyVersion, wrappingVersion: KeyVersion, envelope: [UInt8]) {
        self.version = version
        self.wrappingVersion = wrappingVersion
        self.envelope = envelope
    }
}

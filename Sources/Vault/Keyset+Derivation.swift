import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Keyset {
    /// The HKDF info prefix of every key derived from a keyset version; a purpose follows it after a zero byte.
    static let derivationInfoPrefix = Array("sievert.keyset-derived.v1".utf8)

    /// A 256-bit key for one `purpose` (e.g. `backup-data`), derived with HKDF-SHA256 (RFC 5869) from the key of
    /// `version` and a caller's random `salt`.
    ///
    /// The keyset's own keys never leave the Vault: callers that need a key outside the envelope hierarchy (an
    /// encrypted backup, its authenticated manifest) get a derived one. Different purposes or salts give
    /// unrelated keys, and a derived key reveals nothing about the key it came from. Throws
    /// ``VaultError/keyUnavailable(_:)`` when `version` is not (or no longer) in the keyset.
    public func derivedKey(purpose: String, salt: some DataProtocol, version: KeyVersion) throws(VaultError)
        -> SymmetricKey
    {
        guard let key = key(for: version) else { throw .keyUnavailable(version) }
        return KeyDerivation.hkdfSHA256(
            inputKeyMaterial: key, salt: salt, info: Self.derivationInfoPrefix + [0] + Array(purpose.utf8),
            outputByteCount: 32)
    }
}

import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The Vault's key derivations, in one place so the RFC 5869 known-answer test exercises the same call.
enum KeyDerivation {
    /// The HKDF salt for blind-index field keys; changing it changes every stored index.
    static let blindIndexSalt = Array("sievert.blind-index.v1".utf8)

    /// HKDF-SHA256 (RFC 5869) extract-then-expand, as swift-crypto implements it.
    static func hkdfSHA256(
        inputKeyMaterial: SymmetricKey,
        salt: some DataProtocol,
        info: some DataProtocol,
        outputByteCount: Int
    ) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: inputKeyMaterial,
            salt: salt,
            info: info,
            outputByteCount: outputByteCount
        )
    }

    /// A blind-index field's 256-bit HMAC key: HKDF(master, salt "sievert.blind-index.v1", info field name).
    ///
    /// One key per field (CipherSweet derives a key per field and index) means equal values in two fields give
    /// unrelated indexes, so an attacker cannot join them.
    static func blindIndexKey(master: SymmetricKey, fieldName: String) -> SymmetricKey {
        hkdfSHA256(inputKeyMaterial: master, salt: blindIndexSalt, info: Array(fieldName.utf8), outputByteCount: 32)
    }
}

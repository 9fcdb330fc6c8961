import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// AES-256-GCM into and out of ``Envelope``s: the one place that calls the AEAD, shared by field sealing and key
/// wrapping so both get the same header authentication and error mapping.
enum EnvelopeCipher {
    /// Seals under `key`, writing `version` into the header and authenticating header, domain, extra and binding.
    ///
    /// `nonce` is a seam for the fixed known-answer test only; production passes `nil` and swift-crypto draws 96
    /// random bits per call. Random nonces under one key stay safe for 2^32 messages (NIST SP 800-38D §8.3);
    /// per-person data keys seal tens of values, and rotation bounds the organisation and root keys.
    static func seal(
        _ plaintext: some DataProtocol,
        key: SymmetricKey,
        version: KeyVersion,
        binding: AssociatedData,
        domain: [UInt8],
        extra: [UInt8] = [],
        nonce: AES.GCM.Nonce? = nil
    ) throws(VaultError) -> Envelope {
        let header = Envelope.header(keyVersion: version)
        let authenticated = binding.authenticatedData(header: header, domain: domain, extra: extra)
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: authenticated)
        } catch {
            throw .cryptoFailure
        }
        return Envelope(keyVersion: version, nonce: box.nonce, ciphertext: box.ciphertext, tag: box.tag)
    }

    /// Opens an envelope already matched to its key; any tag mismatch is ``VaultError/authenticationFailed``.
    ///
    /// Returns swift-crypto's `Data` so a key being unwrapped goes straight into a `SymmetricKey` without
    /// another copy.
    static func open(
        _ envelope: Envelope,
        key: SymmetricKey,
        binding: AssociatedData,
        domain: [UInt8],
        extra: [UInt8] = []
    ) throws(VaultError) -> Data {
        let authenticated = binding.authenticatedData(
            header: Array(envelope.headerBytes),
            domain: domain,
            extra: extra
        )
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(
                nonce: try AES.GCM.Nonce(data: envelope.nonceBytes),
                ciphertext: envelope.ciphertextBytes,
                tag: envelope.tagBytes
            )
        } catch {
            throw .malformedEnvelope
        }
        do {
            return try AES.GCM.open(box, using: key, authenticating: authenticated)
        } catch {
            throw .authenticationFailed
        }
    }
}

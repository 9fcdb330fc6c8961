import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Seals personal values as AES-256-GCM ``Envelope``s bound to their place (``AssociatedData``), and opens them.
///
/// Seals under the primary key; opens with whichever version the envelope header names. Build one per keyset
/// or data key and reuse it: a call does one AEAD operation and allocates only the associated data and the
/// output — no key derivation. (swift-crypto sets up the AES key schedule inside each call; that, not this
/// wrapper, is the cost measured in DESIGN.md.) A `Sealer` is a `Sendable` value, so bulk imports can share one
/// across tasks.
public struct Sealer: Sendable {
    /// The version new envelopes are sealed under.
    public let primaryVersion: KeyVersion
    private let primaryKey: SymmetricKey
    private let keys: [KeyVersion: SymmetricKey]

    /// A sealer over every live version of `keyset`, sealing under its primary.
    public init(keyset: Keyset) {
        self.primaryVersion = keyset.primaryVersion
        self.primaryKey = keyset.primaryKey
        self.keys = Dictionary(
            uniqueKeysWithValues: keyset.versions.compactMap { version in
                keyset.key(for: version).map { (version, $0) }
            })
    }

    /// A sealer over one data key (a person's values); it opens only envelopes naming that key's version.
    public init(dataKey: DataKey) {
        self.primaryVersion = dataKey.version
        self.primaryKey = dataKey.key
        self.keys = [dataKey.version: dataKey.key]
    }

    /// Seals `plaintext` under the primary key, bound to `binding`; returns the envelope's bytes.
    public func seal(_ plaintext: some DataProtocol, binding: AssociatedData) throws(VaultError) -> [UInt8] {
        try EnvelopeCipher.seal(
            plaintext,
            key: primaryKey,
            version: primaryVersion,
            binding: binding,
            domain: AssociatedData.fieldDomain
        ).encoded
    }

    /// The known-answer seam: seals with a caller-chosen nonce. Never for production, where a repeated nonce
    /// under one key breaks GCM.
    func seal(_ plaintext: some DataProtocol, binding: AssociatedData, nonce: AES.GCM.Nonce) throws(VaultError)
        -> [UInt8]
    {
        try EnvelopeCipher.seal(
            plaintext,
            key: primaryKey,
            version: primaryVersion,
            binding: binding,
            domain: AssociatedData.fieldDomain,
            nonce: nonce
        ).encoded
    }

    /// Opens envelope bytes sealed for `binding`.
    ///
    /// Throws ``VaultError/malformedEnvelope`` or ``VaultError/unsupportedFormat`` for bytes that are not an
    /// envelope, ``VaultError/keyUnavailable(_:)`` when the named version is retired or unknown, and
    /// ``VaultError/authenticationFailed`` for any tampering, wrong key or other binding. Never returns
    /// unauthenticated bytes.
    public func open(_ envelope: some Collection<UInt8>, binding: AssociatedData) throws(VaultError) -> [UInt8] {
        try open(Envelope(decoding: envelope), binding: binding)
    }

    /// Opens a parsed envelope sealed for `binding`, with the same errors as opening its bytes.
    public func open(_ envelope: Envelope, binding: AssociatedData) throws(VaultError) -> [UInt8] {
        guard let key = keys[envelope.keyVersion] else { throw .keyUnavailable(envelope.keyVersion) }
        return Array(try EnvelopeCipher.open(envelope, key: key, binding: binding, domain: AssociatedData.fieldDomain))
    }
}

extension Sealer {
    /// Seals a string's UTF-8 bytes.
    public func seal(string: String, binding: AssociatedData) throws(VaultError) -> [UInt8] {
        try seal(Array(string.utf8), binding: binding)
    }

    /// Opens an envelope sealed with ``seal(string:binding:)``; ``VaultError/invalidUTF8`` if the bytes are not
    /// text.
    public func openString(_ envelope: some Collection<UInt8>, binding: AssociatedData) throws(VaultError)
        -> String
    {
        let bytes = try open(envelope, binding: binding)
        guard let string = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
        return string
    }
}

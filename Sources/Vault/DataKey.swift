import Crypto

/// One 256-bit key with a version: a person's data key, or the blind-index master key.
///
/// A data key never leaves the Vault in clear: it is stored only as a ``WrappedKey`` under an organisation
/// keyset. Deleting that wrapped key shreds everything sealed under it. Like ``Keyset`` it holds its material in
/// swift-crypto's `SymmetricKey`, which zeroes its storage on deallocation; Swift cannot guarantee more.
public struct DataKey: Sendable {
    /// The version written into the header of every envelope this key seals.
    public let version: KeyVersion
    let key: SymmetricKey

    /// Wraps existing material; only for keys unwrapped or derived inside the Vault, and for test vectors.
    init(version: KeyVersion, key: SymmetricKey) throws(VaultError) {
        guard key.bitCount == 256 else { throw .malformedEnvelope }
        self.version = version
        self.key = key
    }

    private init(generatedVersion version: KeyVersion) {
        self.version = version
        self.key = SymmetricKey(size: .bits256)
    }

    /// A fresh random key from the system's secure generator.
    public static func generate(version: KeyVersion = 1) -> DataKey {
        DataKey(generatedVersion: version)
    }
}

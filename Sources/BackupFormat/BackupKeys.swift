import Crypto
import Vault

/// The two keys of one backup, both derived from a root key version and the backup's random salt: one that
/// encrypts the data files (a subkey per file) and one that authenticates the manifest.
///
/// The salt is new for every backup, so no two backups share a key: a chunk moved from one backup into another
/// fails to authenticate even before its associated data is compared.
public struct BackupKeys: Sendable {
    /// The purpose strings given to ``Vault/Keyset/derivedKey(purpose:salt:version:)``.
    public static let dataPurpose = "backup-data"
    public static let manifestPurpose = "backup-manifest"
    /// Bytes of random salt per backup.
    public static let saltLength = 32

    let dataKey: SymmetricKey
    let manifestKey: SymmetricKey

    /// The keys of the backup whose manifest names root key `version` and `salt`; throws
    /// ``Vault/VaultError/keyUnavailable(_:)`` when the keyset does not hold that version.
    public init(keyset: Keyset, version: KeyVersion, salt: [UInt8]) throws(VaultError) {
        self.init(
            dataKey: try keyset.derivedKey(purpose: Self.dataPurpose, salt: salt, version: version),
            manifestKey: try keyset.derivedKey(purpose: Self.manifestPurpose, salt: salt, version: version))
    }

    /// Keys already derived (by a holder of the root keyset that does not hand the keyset out).
    public init(dataKey: SymmetricKey, manifestKey: SymmetricKey) {
        self.dataKey = dataKey
        self.manifestKey = manifestKey
    }

    /// A fresh random salt.
    public static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<saltLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    // One subkey per file: the chunk nonces are counters, so two files must never share a key.
    func fileKey(_ name: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: dataKey, salt: [UInt8](),
            info: Array("sievert.backup.v1 file".utf8) + [0] + Array(name.utf8),
            outputByteCount: 32)
    }
}

import Crypto
import Vault

extension KeyService {
    /// The root key version that new derived keys come from: the root keyset's primary.
    public var rootPrimaryVersion: KeyVersion { get throws { try root.primaryVersion } }

    /// A key for `purpose` derived from root key `version` and `salt` (``Vault/Keyset/derivedKey(purpose:salt:version:)``):
    /// what an encrypted backup is sealed under, without the root keyset leaving the key service.
    public func derivedRootKey(purpose: String, salt: [UInt8], version: KeyVersion) throws -> SymmetricKey {
        try root.derivedKey(purpose: purpose, salt: salt, version: version)
    }
}

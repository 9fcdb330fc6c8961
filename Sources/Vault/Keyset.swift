import Crypto

/// Versioned 256-bit keys with exactly one primary, after Tink's keyset: the primary encrypts new writes, every
/// other version still decrypts what was written under it until it is retired.
///
/// Rotation is a sequence of pure steps that each return a new keyset, in Tink's order (DESIGN.md §5):
/// ``adding()`` a version, ``promoting(_:)`` it for new writes, rewrapping what the old version wrapped
/// (``KeyWrap/rewrap(_:with:context:)``), then ``retiring(_:)`` the old version. The caller persists each result
/// before taking the next step, so any step can be resumed after a crash.
///
/// Memory: Swift cannot promise that copies of secrets are wiped (values move, the optimiser copies, and
/// serialised bytes live in ordinary arrays). Key material is held only in swift-crypto's `SymmetricKey`, whose
/// storage is zeroed when it is deallocated; that is the best the language allows.
public struct Keyset: Sendable {
    /// The version that seals new data and wraps new keys.
    public private(set) var primaryVersion: KeyVersion
    // Kept alongside the dictionary so sealing needs no lookup and no optional on the hot path.
    private(set) var primaryKey: SymmetricKey
    private var keys: [KeyVersion: SymmetricKey]
    /// Versions that were retired from this keyset; kept so a version number is never issued twice.
    public private(set) var retiredVersions: Set<KeyVersion>

    /// Builds a keyset from parts already checked, or rejects them.
    init(primary: KeyVersion, keys: [KeyVersion: SymmetricKey], retired: Set<KeyVersion> = []) throws(VaultError) {
        guard let primaryKey = keys[primary] else {
            throw .malformedKeyset("primary version is not among the keys")
        }
        for (version, key) in keys {
            guard version.rawValue != 0 else { throw .malformedKeyset("key version 0 is reserved") }
            guard key.bitCount == 256 else { throw .malformedKeyset("key \(version) is not 256 bits") }
        }
        guard retired.isDisjoint(with: keys.keys), !retired.contains(0) else {
            throw .malformedKeyset("a retired version is also present or is 0")
        }
        self.primaryVersion = primary
        self.primaryKey = primaryKey
        self.keys = keys
        self.retiredVersions = retired
    }

    /// A new keyset with one fresh random key, version 1, as primary.
    public static func generate() -> Keyset {
        let key = SymmetricKey(size: .bits256)
        return Keyset(uncheckedPrimary: 1, key: key)
    }

    private init(uncheckedPrimary version: KeyVersion, key: SymmetricKey) {
        self.primaryVersion = version
        self.primaryKey = key
        self.keys = [version: key]
        self.retiredVersions = []
    }

    /// Every version that can still decrypt, oldest first.
    public var versions: [KeyVersion] {
        keys.keys.sorted()
    }

    /// Whether the keyset still holds the key for `version`.
    public func contains(_ version: KeyVersion) -> Bool {
        keys[version] != nil
    }

    /// The key for `version`, if it has not been retired.
    func key(for version: KeyVersion) -> SymmetricKey? {
        keys[version]
    }

    /// Rotation step 1: a copy with a new random key, one version above any this keyset has issued, not yet
    /// primary (Tink adds keys disabled for writes so every reader learns the key before anyone writes with it).
    public func adding() -> (keyset: Keyset, version: KeyVersion) {
        let highest = max(keys.keys.max() ?? primaryVersion, retiredVersions.max() ?? primaryVersion)
        // 2^32 - 1 rotations cannot happen in practice; trapping beats silently reusing a version.
        precondition(highest.rawValue < UInt32.max, "key version space exhausted")
        let version = KeyVersion(highest.rawValue + 1)
        var copy = self
        copy.keys[version] = SymmetricKey(size: .bits256)
        return (copy, version)
    }

    /// Rotation step 2: a copy whose primary is `version`, so new writes use it. Old versions still decrypt.
    public func promoting(_ version: KeyVersion) throws(VaultError) -> Keyset {
        guard let key = keys[version] else { throw .unknownVersion }
        var copy = self
        copy.primaryVersion = version
        copy.primaryKey = key
        return copy
    }

    /// Rotation step 4: a copy without the key material of `version`; anything still under it then fails with
    /// ``VaultError/keyUnavailable(_:)``. Check ``RotationPlan/canRetire(_:)`` first.
    public func retiring(_ version: KeyVersion) throws(VaultError) -> Keyset {
        guard keys[version] != nil else { throw .unknownVersion }
        guard version != primaryVersion else { throw .cannotRetirePrimary }
        var copy = self
        copy.keys[version] = nil
        copy.retiredVersions.insert(version)
        return copy
    }
}

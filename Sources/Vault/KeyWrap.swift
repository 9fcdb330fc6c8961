import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Wrapping keys under keys: the envelope hierarchy root keyset → organisation keyset → person data key
/// (DESIGN.md §2), and the rewrap step of rotation.
///
/// An organisation keyset is wrapped one version per ``WrappedKey`` (one row per version, as Tink stores one
/// key per keyset entry) so retiring a version deletes one row and adding one inserts one, without touching the
/// others. Which version is primary is stored beside those rows by the caller; it is not secret.
///
/// Every wrap is an ordinary ``Envelope`` whose associated data is the header, the domain `sievert.keywrap.v1`
/// (never valid for a field ciphertext), the wrapped key's own version and the caller's `context` (organisation,
/// table, column, row of the stored key), so a wrapped key moved to another person, organisation or version
/// fails to unwrap.
public enum KeyWrap {
    /// Wraps a person's data key under the primary version of `keyset` (their organisation's keyset).
    public static func wrap(_ dataKey: DataKey, under keyset: Keyset, context: AssociatedData) throws(VaultError)
        -> WrappedKey
    {
        try wrapKey(dataKey.key, version: dataKey.version, under: keyset, context: context)
    }

    /// Unwraps a data key wrapped by ``wrap(_:under:context:)-(DataKey,_,_)``.
    ///
    /// ``VaultError/keyUnavailable(_:)`` when its wrapping version was retired;
    /// ``VaultError/authenticationFailed`` for another context, key or any tampering.
    public static func unwrapDataKey(_ wrapped: WrappedKey, with keyset: Keyset, context: AssociatedData)
        throws(VaultError) -> DataKey
    {
        try DataKey(version: wrapped.version, key: unwrapKey(wrapped, with: keyset, context: context))
    }

    /// Wraps every live version of an organisation keyset under the primary of `root`, one ``WrappedKey`` each,
    /// in version order.
    public static func wrap(_ keyset: Keyset, under root: Keyset, context: AssociatedData) throws(VaultError)
        -> [WrappedKey]
    {
        var wrapped: [WrappedKey] = []
        for version in keyset.versions {
            wrapped.append(try wrap(version: version, of: keyset, under: root, context: context))
        }
        return wrapped
    }

    /// Wraps one version of an organisation keyset, e.g. the one ``Keyset/adding()`` just made.
    public static func wrap(version: KeyVersion, of keyset: Keyset, under root: Keyset, context: AssociatedData)
        throws(VaultError) -> WrappedKey
    {
        guard let key = keyset.key(for: version) else { throw .unknownVersion }
        return try wrapKey(key, version: version, under: root, context: context)
    }

    /// Rebuilds an organisation keyset from its wrapped versions.
    ///
    /// `primary` is the version the caller stored as primary; `nil` takes the highest version, which is right
    /// whenever adding and promoting happen together. Between Tink's "add" and "promote" steps the new version
    /// must not yet be primary (other readers may not know it), so a store that separates those steps must
    /// persist the primary and pass it here.
    ///
    /// Every row must unwrap: a keyset that silently lost a version would fail later, far from the cause.
    /// No rows, duplicate versions or a primary not among them are ``VaultError/malformedKeyset(_:)``.
    public static func unwrapKeyset(
        _ wrapped: [WrappedKey],
        primary: KeyVersion? = nil,
        with root: Keyset,
        context: AssociatedData
    ) throws(VaultError) -> Keyset {
        var keys: [KeyVersion: SymmetricKey] = [:]
        for row in wrapped {
            guard keys[row.version] == nil else { throw .malformedKeyset("duplicate wrapped version \(row.version)") }
            keys[row.version] = try unwrapKey(row, with: root, context: context)
        }
        guard let chosen = primary ?? keys.keys.max() else { throw .malformedKeyset("no wrapped keys") }
        return try Keyset(primary: chosen, keys: keys)
    }

    /// Rotation step 3: re-encrypts a wrapped key under the current primary of `keyset`.
    ///
    /// The unwrapped key exists only inside this call; the result is ciphertext. A key already under the primary
    /// is returned unchanged, so re-running an interrupted rewrap pass is cheap and idempotent.
    public static func rewrap(_ wrapped: WrappedKey, with keyset: Keyset, context: AssociatedData)
        throws(VaultError) -> WrappedKey
    {
        guard wrapped.wrappingVersion != keyset.primaryVersion else { return wrapped }
        let key = try unwrapKey(wrapped, with: keyset, context: context)
        return try wrapKey(key, version: wrapped.version, under: keyset, context: context)
    }

    private static func wrapKey(_ key: SymmetricKey, version: KeyVersion, under keyset: Keyset, context: AssociatedData)
        throws(VaultError) -> WrappedKey
    {
        // Sealing straight from the key's own storage avoids an unwiped copy of the material in a Swift array.
        let sealed = key.withUnsafeBytes { material in
            Result { () throws(VaultError) in
                try EnvelopeCipher.seal(
                    material,
                    key: keyset.primaryKey,
                    version: keyset.primaryVersion,
                    binding: context,
                    domain: AssociatedData.keyWrapDomain,
                    extra: versionBytes(version)
                )
            }
        }
        return WrappedKey(version: version, wrappingVersion: keyset.primaryVersion, envelope: try sealed.get().encoded)
    }

    private static func unwrapKey(_ wrapped: WrappedKey, with keyset: Keyset, context: AssociatedData)
        throws(VaultError) -> SymmetricKey
    {
        let envelope = try Envelope(decoding: wrapped.envelope)
        // The clear column and the authenticated header must agree, or rotation status would be a lie.
        guard envelope.keyVersion == wrapped.wrappingVersion else { throw .malformedEnvelope }
        guard let key = keyset.key(for: envelope.keyVersion) else { throw .keyUnavailable(envelope.keyVersion) }
        let material = try EnvelopeCipher.open(
            envelope,
            key: key,
            binding: context,
            domain: AssociatedData.keyWrapDomain,
            extra: versionBytes(wrapped.version)
        )
        guard material.count == 32 else { throw .malformedEnvelope }
        return SymmetricKey(data: material)
    }

    private static func versionBytes(_ version: KeyVersion) -> [UInt8] {
        var bytes: [UInt8] = []
        AssociatedData.appendBigEndian(version.rawValue, to: &bytes)
        return bytes
    }
}

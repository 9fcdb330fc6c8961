import Crypto
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Computes blind indexes (DESIGN.md §4, CipherSweet's design): deterministic, keyed, truncated MACs of
/// normalised values, so equality lookups work on data that is otherwise only ciphertext.
///
/// index = top `bits` bits of HMAC-SHA256(fieldKey, len(context) ‖ context ‖ value), where fieldKey is derived
/// from the master key with HKDF per field name, the length is a UInt32 big-endian byte count, and `context`
/// scopes an index (e.g. the organisation for staff numbers) so equal values in two scopes do not link.
public struct BlindIndexer: Sendable {
    private let master: SymmetricKey
    private let fieldKeys: FieldKeyCache

    /// An indexer under `masterKey`, itself a random key stored wrapped under the root like any other.
    ///
    /// Field keys are derived on first use and remembered (HKDF costs about two HMACs, which would triple the
    /// price of each index in an import loop); `fields` derives them up front.
    public init(masterKey: DataKey, fields: [BlindIndexField] = []) {
        self.master = masterKey.key
        self.fieldKeys = FieldKeyCache()
        for field in fields {
            _ = fieldKey(for: field.name)
        }
    }

    /// The blind index of `normalisedValue` in `field`, as an integer below 2^`field.bits`.
    ///
    /// Normalise first (upper-case, no spaces): the index matches bytes, not meaning. Refuses low-entropy fields
    /// with ``VaultError/lowEntropyField`` and widths outside 1...64 with ``VaultError/invalidIndexBits``.
    public func index(_ normalisedValue: String, field: BlindIndexField, context: String = "") throws(VaultError)
        -> UInt64
    {
        guard !field.isLowEntropy else { throw .lowEntropyField }
        guard (1...64).contains(field.bits) else { throw .invalidIndexBits }
        let tag = Self.mac(
            key: fieldKey(for: field.name), message: Self.message(context: context, value: normalisedValue))
        return Self.truncate(tag, bits: field.bits)
    }

    private func fieldKey(for name: String) -> SymmetricKey {
        if let key = fieldKeys.key(for: name) { return key }
        let key = KeyDerivation.blindIndexKey(master: master, fieldName: name)
        fieldKeys.remember(key, for: name)
        return key
    }

    /// `len(context) ‖ context ‖ value`: the length prefix keeps ("ab", "c") and ("a", "bc") apart.
    static func message(context: String, value: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + context.utf8.count + value.utf8.count)
        AssociatedData.appendLengthPrefixed(context.utf8, to: &bytes)
        bytes.append(contentsOf: value.utf8)
        return bytes
    }

    /// HMAC-SHA256 (RFC 2104) of `message` under `key`; the RFC 4231 known-answer test runs through here.
    static func mac(key: SymmetricKey, message: some DataProtocol) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// The first `bits` bits of `tag`, read big-endian, as an integer (bits in 1...64).
    static func truncate(_ tag: [UInt8], bits: Int) -> UInt64 {
        let leading = tag.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return leading >> UInt64(64 - bits)
    }
}

/// Derived field keys, shared by copies of one indexer. A pure memo: it changes speed, never results.
private final class FieldKeyCache: Sendable {
    // Field names are a handful of constants; the cap only stops a caller that invents names from growing it.
    private static let capacity = 64
    private let keys = Mutex<[String: SymmetricKey]>([:])

    func key(for name: String) -> SymmetricKey? {
        keys.withLock { $0[name] }
    }

    func remember(_ key: SymmetricKey, for name: String) {
        keys.withLock { keys in
            if keys.count < Self.capacity { keys[name] = key }
        }
    }
}

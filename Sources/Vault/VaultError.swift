/// Why a Vault operation failed.
///
/// A struct wrapping a private enum (as Hummingbird's library errors do) so cases can be added without breaking
/// callers that switch on it. Compare with `==` against the static members. Descriptions name the failure and,
/// at most, a key version or a structural reason: never key material, plaintext or associated data.
public struct VaultError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case malformedEnvelope
        case unsupportedFormat
        case keyUnavailable(KeyVersion)
        case authenticationFailed
        case malformedKeyset(String)
        case cannotRetirePrimary
        case unknownVersion
        case lowEntropyField
        case populationTooSmall
        case invalidIndexBits
        case invalidUTF8
        case cryptoFailure
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The bytes are not an envelope: too short, or (for a wrapped key) a header that disagrees with its row.
    public static let malformedEnvelope = VaultError(.malformedEnvelope)

    /// The envelope's first byte names a format version this library does not know.
    public static let unsupportedFormat = VaultError(.unsupportedFormat)

    /// The envelope names a key version that is not in the keyset: retired, shredded, or never existed.
    public static func keyUnavailable(_ version: KeyVersion) -> VaultError {
        VaultError(.keyUnavailable(version))
    }

    /// The key version an envelope named that was not in the keyset, if that is the failure.
    public var unavailableVersion: KeyVersion? {
        if case .keyUnavailable(let version) = code { return version }
        return nil
    }

    /// The tag did not verify: wrong key, wrong associated data (moved ciphertext) or tampered bytes.
    public static let authenticationFailed = VaultError(.authenticationFailed)

    /// A serialised keyset was rejected; the reason is structural and never quotes key material.
    public static func malformedKeyset(_ reason: String) -> VaultError {
        VaultError(.malformedKeyset(reason))
    }

    /// The primary version encrypts new writes, so it cannot be retired; promote another version first.
    public static let cannotRetirePrimary = VaultError(.cannotRetirePrimary)

    /// The keyset has no key with the version asked to promote or retire.
    public static let unknownVersion = VaultError(.unknownVersion)

    /// A blind index was asked for a field too guessable to index alone (date of birth, sex).
    public static let lowEntropyField = VaultError(.lowEntropyField)

    /// No index length keeps the expected coincidences within CipherSweet's bound for this population.
    public static let populationTooSmall = VaultError(.populationTooSmall)

    /// A blind index field asked for a width outside 1...64 bits.
    public static let invalidIndexBits = VaultError(.invalidIndexBits)

    /// An opened value was asked for as a string but is not valid UTF-8.
    public static let invalidUTF8 = VaultError(.invalidUTF8)

    /// The crypto library refused an operation that valid inputs never trigger.
    public static let cryptoFailure = VaultError(.cryptoFailure)

    /// A short, secret-free account of the failure.
    public var description: String {
        switch code {
        case .malformedEnvelope: "malformed envelope"
        case .unsupportedFormat: "unsupported envelope format version"
        case .keyUnavailable(let version): "key \(version) is unavailable (retired, shredded or unknown)"
        case .authenticationFailed: "authentication failed"
        case .malformedKeyset(let reason): "malformed keyset: \(reason)"
        case .cannotRetirePrimary: "cannot retire the primary key version"
        case .unknownVersion: "no key with that version in the keyset"
        case .lowEntropyField: "refusing a blind index on a low-entropy field"
        case .populationTooSmall: "population too small for a safe blind index"
        case .invalidIndexBits: "blind index width must be 1...64 bits"
        case .invalidUTF8: "opened value is not valid UTF-8"
        case .cryptoFailure: "the crypto library rejected the operation"
        }
    }
}

/// Why a Ledger operation failed.
///
/// A struct wrapping a private enum (as Hummingbird's library errors do) so cases can be added without breaking
/// callers that switch on it. Compare with `==` against the static members. Descriptions name a structural
/// reason only: never event contents or key material.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case malformedHash
        case malformedProof(String)
        case malformedEntry(String)
        case malformedCheckpoint(String)
        case malformedNote(String)
        case malformedVerifierKey
        case unsupportedVersion
        case invalidField(String)
        case invalidKeyName
        case outOfRange
        case invalidCompactRange
        case noTrustedSignature
        case signatureInvalid
        case signingFailed
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// A hash was not exactly 32 bytes (or 64 hex digits).
    public static let malformedHash = LedgerError(.malformedHash)

    /// An encoded inclusion or consistency proof was rejected; the reason is structural.
    public static func malformedProof(_ reason: String) -> LedgerError { LedgerError(.malformedProof(reason)) }

    /// An encoded ledger entry was rejected; the reason is structural.
    public static func malformedEntry(_ reason: String) -> LedgerError { LedgerError(.malformedEntry(reason)) }

    /// A checkpoint body was rejected; the reason is structural.
    public static func malformedCheckpoint(_ reason: String) -> LedgerError {
        LedgerError(.malformedCheckpoint(reason))
    }

    /// A signed note was rejected before any signature was checked; the reason is structural.
    public static func malformedNote(_ reason: String) -> LedgerError { LedgerError(.malformedNote(reason)) }

    /// A verifier key string is not `name+keyid+base64(0x01 || public key)` with a matching key id.
    public static let malformedVerifierKey = LedgerError(.malformedVerifierKey)

    /// An encoding names a format version this library does not know.
    public static let unsupportedVersion = LedgerError(.unsupportedVersion)

    /// An audit event field is empty, too long or has characters outside the identifier alphabet.
    public static func invalidField(_ name: String) -> LedgerError { LedgerError(.invalidField(name)) }

    /// A signed-note key name is empty, too long, or contains a space, a control character or `+`.
    public static let invalidKeyName = LedgerError(.invalidKeyName)

    /// A leaf index or tree size is beyond the leaves available, or sizes are out of order.
    public static let outOfRange = LedgerError(.outOfRange)

    /// Stored compact-range peaks do not match the tree size they claim.
    public static let invalidCompactRange = LedgerError(.invalidCompactRange)

    /// No signature on the note is from the trusted key (same name and key id).
    public static let noTrustedSignature = LedgerError(.noTrustedSignature)

    /// A signature from the trusted key did not verify: the note or the signature was changed.
    public static let signatureInvalid = LedgerError(.signatureInvalid)

    /// The crypto library refused to sign; valid keys never trigger it.
    public static let signingFailed = LedgerError(.signingFailed)

    /// A short, secret-free account of the failure.
    public var description: String {
        switch code {
        case .malformedHash: "malformed hash: expected 32 bytes"
        case .malformedProof(let reason): "malformed proof: \(reason)"
        case .malformedEntry(let reason): "malformed ledger entry: \(reason)"
        case .malformedCheckpoint(let reason): "malformed checkpoint: \(reason)"
        case .malformedNote(let reason): "malformed signed note: \(reason)"
        case .malformedVerifierKey: "malformed verifier key"
        case .unsupportedVersion: "unsupported encoding version"
        case .invalidField(let name): "invalid audit event field: \(name)"
        case .invalidKeyName: "invalid key name"
        case .outOfRange: "leaf index or tree size out of range"
        case .invalidCompactRange: "compact range does not match its tree size"
        case .noTrustedSignature: "no signature from the trusted key"
        case .signatureInvalid: "signature does not verify"
        case .signingFailed: "the crypto library refused to sign"
        }
    }
}

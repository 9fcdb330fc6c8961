/// Why a passbook could not be parsed, signed or extended.
///
/// A struct wrapping a private enum (as ``Ledger``'s errors are) so cases can be added without breaking callers.
/// Descriptions name a line, a field and a rule, never a value: a passbook carries the holder's identity.
public struct PassbookError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case malformed(line: Int, reason: String)
        case malformedPublicKey
        case tooLarge
        case signingFailed
        case untrusted(PassbookVerdict)
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The file breaks the format at `line` (1-based) for `reason`.
    public static func malformed(line: Int, reason: String) -> PassbookError {
        PassbookError(.malformed(line: line, reason: reason))
    }

    /// A public key is not base64 of a 32-byte Ed25519 key.
    public static let malformedPublicKey = PassbookError(.malformedPublicKey)

    /// The passbook would exceed ``SignedPassbook/maximumBytes`` or ``SignedPassbook/maximumEntries``.
    public static let tooLarge = PassbookError(.tooLarge)

    /// The crypto library refused to sign; valid keys never trigger it.
    public static let signingFailed = PassbookError(.signingFailed)

    /// Entries can only be added to a passbook that verifies under the signer's own key; `verdict` says why this
    /// one does not.
    public static func untrusted(_ verdict: PassbookVerdict) -> PassbookError { PassbookError(.untrusted(verdict)) }

    /// The line at fault, for a malformed file.
    public var line: Int? {
        if case .malformed(let line, _) = code { line } else { nil }
    }

    /// What is wrong, without the line number.
    public var reason: String {
        switch code {
        case .malformed(_, let reason): reason
        case .malformedPublicKey: "not an Ed25519 public key (base64 of 32 bytes)"
        case .tooLarge:
            "a passbook holds at most \(SignedPassbook.maximumEntries) entries in \(SignedPassbook.maximumBytes) bytes"
        case .signingFailed: "the crypto library refused to sign"
        case .untrusted(let verdict): "the passbook does not verify under this key: \(verdict)"
        }
    }

    /// `line N: reason` for a malformed file, the reason alone otherwise.
    public var description: String {
        line.map { "line \($0): \(reason)" } ?? reason
    }
}

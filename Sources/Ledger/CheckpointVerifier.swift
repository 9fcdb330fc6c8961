import Crypto
import Foundation

/// Verifies checkpoint notes against one trusted Ed25519 public key, identified (as in C2SP signed-note) by its
/// key name and key ID.
public struct CheckpointVerifier: Sendable {
    /// The trusted key's name.
    public let keyName: String
    /// The trusted key's ID: SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key), first 4 bytes, big-endian.
    public let keyID: UInt32
    /// The trusted Ed25519 public key.
    public let publicKey: Curve25519.Signing.PublicKey

    // C2SP signed-note signature type for Ed25519.
    private static let ed25519Type: UInt8 = 0x01

    /// A verifier for `publicKey` under `keyName`; ``LedgerError/invalidKeyName`` unless `keyName` passes
    /// ``Checkpoint/isValidKeyName(_:)``.
    public init(keyName: String, publicKey: Curve25519.Signing.PublicKey) throws(LedgerError) {
        guard Checkpoint.isValidKeyName(keyName.utf8) else { throw .invalidKeyName }
        self.init(validatedKeyName: keyName, publicKey: publicKey)
    }

    init(validatedKeyName keyName: String, publicKey: Curve25519.Signing.PublicKey) {
        self.keyName = keyName
        self.publicKey = publicKey
        var hasher = SHA256()
        hasher.update(data: Array(keyName.utf8) + [0x0A, Self.ed25519Type])
        hasher.update(data: publicKey.rawRepresentation)
        keyID = hasher.finalize().prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Parses a verifier key in the form used by Go's `golang.org/x/mod/sumdb/note` and C2SP tooling:
    /// `<name>+<key ID as 8 hex digits>+<base64(0x01 ‖ 32-byte public key)>`. The key ID must match.
    public init(verifierKey: String) throws(LedgerError) {
        // Key names never hold "+", but base64 key data may: only the first two "+" separate (as Go's note does).
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].utf8.count == 8,
            parts[1].utf8.allSatisfy({ Array("0123456789abcdef".utf8).contains($0) }),
            let claimedID = UInt32(parts[1], radix: 16),
            let blob = Checkpoint.canonicalBase64(parts[2].utf8), blob.count == 33, blob[0] == Self.ed25519Type,
            let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: blob.dropFirst())
        else { throw .malformedVerifierKey }
        try self.init(keyName: String(parts[0]), publicKey: publicKey)
        guard keyID == claimedID else { throw .malformedVerifierKey }
    }

    /// This verifier as a `<name>+<key ID hex>+<base64(0x01 ‖ public key)>` string for configuration files.
    public var verifierKey: String {
        let id = String(keyID, radix: 16)
        let padded = String(repeating: "0", count: 8 - id.count) + id
        let blob = Data([Self.ed25519Type] + Array(publicKey.rawRepresentation))
        return "\(keyName)+\(padded)+\(blob.base64EncodedString())"
    }

    /// The checkpoint in `note`, once a signature by this key verifies.
    ///
    /// Follows C2SP signed-note: signatures from other keys (another name or key ID) are ignored;
    /// ``LedgerError/noTrustedSignature`` when none is from this key; ``LedgerError/signatureInvalid`` when any
    /// signature from this key fails (the note or signature was changed, or forged under a colliding key ID).
    public func verify(_ note: SignedCheckpoint) throws(LedgerError) -> Checkpoint {
        let trusted = note.signatures.filter { $0.keyName == keyName && $0.keyID == keyID }
        guard !trusted.isEmpty else { throw .noTrustedSignature }
        let message = Array(note.unverifiedCheckpoint.noteText.utf8)
        for line in trusted {
            guard publicKey.isValidSignature(line.signature, for: message) else { throw .signatureInvalid }
        }
        return note.unverifiedCheckpoint
    }

    /// Parses and verifies a signed note text in one step; see ``verify(_:)``.
    public func verify(noteText: String) throws(LedgerError) -> Checkpoint {
        try verify(SignedCheckpoint(parsing: noteText))
    }
}

import Crypto

/// Signs checkpoints with the log's Ed25519 key as C2SP signed notes.
///
/// The private key is held by the caller (DESIGN.md §Security 8: outside the database); this value only uses it.
public struct CheckpointSigner: Sendable {
    /// The key name on signature lines; by C2SP convention the log's origin.
    public let keyName: String
    private let privateKey: Curve25519.Signing.PrivateKey

    /// A signer; ``LedgerError/invalidKeyName`` unless `keyName` passes ``Checkpoint/isValidKeyName(_:)``.
    public init(keyName: String, privateKey: Curve25519.Signing.PrivateKey) throws(LedgerError) {
        guard Checkpoint.isValidKeyName(keyName.utf8) else { throw .invalidKeyName }
        self.keyName = keyName
        self.privateKey = privateKey
    }

    /// The verifier for this signer's public key, to hand to auditors and the witness.
    public var verifier: CheckpointVerifier {
        // The name was validated by this signer's initialiser, so the verifier's cannot fail.
        CheckpointVerifier(validatedKeyName: keyName, publicKey: privateKey.publicKey)
    }

    /// Signs `checkpoint`'s note text; ``LedgerError/signingFailed`` only if the crypto library refuses.
    public func sign(_ checkpoint: Checkpoint) throws(LedgerError) -> SignedCheckpoint {
        let signature: [UInt8]
        do {
            signature = Array(try privateKey.signature(for: Array(checkpoint.noteText.utf8)))
        } catch {
            throw .signingFailed
        }
        return SignedCheckpoint(
            checkpoint: checkpoint,
            signatures: [NoteSignature(keyName: keyName, keyID: verifier.keyID, signature: signature)]
        )
    }
}

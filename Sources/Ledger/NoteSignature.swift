/// One signature line of a C2SP signed note: `— <key name> base64(key ID ‖ signature)`.
public struct NoteSignature: Sendable, Hashable {
    /// The signer's key name.
    public let keyName: String
    /// The signer's 32-bit key ID (C2SP signed-note: SHA-256(name ‖ 0x0A ‖ type ‖ public key), first 4 bytes).
    public let keyID: UInt32
    /// The signature bytes (64 for Ed25519).
    public let signature: [UInt8]

    /// A signature line's parts; the name is checked when the note is written or parsed.
    public init(keyName: String, keyID: UInt32, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }
}

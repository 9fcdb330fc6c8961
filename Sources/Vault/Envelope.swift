/// The on-disk ciphertext format (DESIGN.md §3): `version | key id | nonce | ciphertext | tag`.
///
/// | bytes | content |
/// |---|---|
/// | 0 | format version, `0x01` |
/// | 1–4 | ``KeyVersion`` of the sealing key, UInt32 big-endian (Tink's key-id prefix) |
/// | 5–16 | 12-byte random AES-GCM nonce |
/// | 17–(n−17) | ciphertext, as long as the plaintext |
/// | last 16 | GCM tag |
///
/// The five header bytes are also authenticated (they lead the GCM associated data), so a header cannot be
/// rewritten to pass a ciphertext off as another format or key version. The fixed known-answer test in
/// `EnvelopeFormatTests` pins these bytes; changing the format means a new format version, never an edit.
public struct Envelope: Sendable, Hashable {
    /// The only format version this library writes and reads.
    public static let currentFormatVersion: UInt8 = 0x01
    /// Format version plus key version.
    public static let headerLength = 5
    /// AES-GCM's standard 96-bit nonce (NIST SP 800-38D §5.2.1.1).
    public static let nonceLength = 12
    /// The full 128-bit GCM tag; truncated tags are never accepted.
    public static let tagLength = 16
    /// Bytes an envelope adds to its plaintext: 33.
    public static let overhead = headerLength + nonceLength + tagLength

    private let bytes: [UInt8]

    /// Parses and checks the structure of an envelope without decrypting it.
    ///
    /// Throws ``VaultError/malformedEnvelope`` for input shorter than ``overhead`` and
    /// ``VaultError/unsupportedFormat`` for an unknown first byte. It reads only within bounds it has checked,
    /// so no input can make it trap; it is fuzzed with random bytes in the tests.
    public init(decoding bytes: some Collection<UInt8>) throws(VaultError) {
        let array = Array(bytes)
        guard let format = array.first else { throw .malformedEnvelope }
        guard format == Self.currentFormatVersion else { throw .unsupportedFormat }
        guard array.count >= Self.overhead else { throw .malformedEnvelope }
        self.bytes = array
    }

    /// Assembles an envelope from the parts AES-GCM produced.
    init(
        keyVersion: KeyVersion, nonce: some Sequence<UInt8>, ciphertext: some Collection<UInt8>,
        tag: some Collection<UInt8>
    ) {
        var bytes = Self.header(keyVersion: keyVersion)
        bytes.reserveCapacity(Self.overhead + ciphertext.count)
        bytes.append(contentsOf: nonce)
        bytes.append(contentsOf: ciphertext)
        bytes.append(contentsOf: tag)
        self.bytes = bytes
    }

    /// The five header bytes for a key version under the current format.
    static func header(keyVersion: KeyVersion) -> [UInt8] {
        let raw = keyVersion.rawValue
        return [
            currentFormatVersion, UInt8(truncatingIfNeeded: raw >> 24), UInt8(truncatingIfNeeded: raw >> 16),
            UInt8(truncatingIfNeeded: raw >> 8), UInt8(truncatingIfNeeded: raw),
        ]
    }

    /// The envelope's bytes, ready to store.
    public var encoded: [UInt8] {
        bytes
    }

    /// The format version byte.
    public var formatVersion: UInt8 {
        bytes[0]
    }

    /// The version of the key that sealed this envelope.
    public var keyVersion: KeyVersion {
        KeyVersion(bytes[1..<Self.headerLength].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    /// The 12-byte nonce.
    public var nonce: [UInt8] {
        Array(nonceBytes)
    }

    /// The encrypted bytes, without header, nonce or tag.
    public var ciphertext: [UInt8] {
        Array(ciphertextBytes)
    }

    /// The 16-byte authentication tag.
    public var tag: [UInt8] {
        Array(tagBytes)
    }

    // Slices for the open path, which would otherwise copy each part once more.
    var headerBytes: ArraySlice<UInt8> {
        bytes[0..<Self.headerLength]
    }

    var nonceBytes: ArraySlice<UInt8> {
        bytes[Self.headerLength..<(Self.headerLength + Self.nonceLength)]
    }

    var ciphertextBytes: ArraySlice<UInt8> {
        bytes[(Self.headerLength + Self.nonceLength)..<(bytes.count - Self.tagLength)]
    }

    var tagBytes: ArraySlice<UInt8> {
        bytes[(bytes.count - Self.tagLength)...]
    }
}

import Foundation

/// A checkpoint as a C2SP signed note: the ``Checkpoint/noteText`` body, a blank line, then one or more
/// signature lines.
///
/// ```
/// sievert.example/ledger
/// 1000
/// <base64 root>
/// time 1767225600000
///
/// — sievert.example/ledger <base64(key ID ‖ Ed25519 signature)>
/// ```
///
/// Parsing checks structure only; trust comes from ``CheckpointVerifier/verify(_:)``, which returns the
/// checkpoint once a signature from the trusted key verifies.
public struct SignedCheckpoint: Sendable, Hashable {
    /// The checkpoint the note claims, before any signature is checked: use only what
    /// ``CheckpointVerifier/verify(_:)`` returns.
    public let unverifiedCheckpoint: Checkpoint
    /// The signature lines, in note order.
    public let signatures: [NoteSignature]

    // C2SP signed-note asks verifiers to bound notes and accept at least 16 signatures; a checkpoint with 16
    // Ed25519 lines is under 2 KiB.
    static let maximumSignatures = 16
    static let maximumNoteBytes = 16_384
    private static let signaturePrefix = Array("\u{2014} ".utf8)
    private static let newline = UInt8(ascii: "\n")

    init(checkpoint: Checkpoint, signatures: [NoteSignature]) {
        self.unverifiedCheckpoint = checkpoint
        self.signatures = signatures
    }

    /// The whole signed note, as written to the witness directory.
    public var noteText: String {
        var text = unverifiedCheckpoint.noteText + "\n"
        for line in signatures {
            var blob: [UInt8] = []
            blob.appendBigEndian(line.keyID)
            blob.append(contentsOf: line.signature)
            text += "\u{2014} \(line.keyName) \(Data(blob).base64EncodedString())\n"
        }
        return text
    }

    /// Parses a signed note text; the same strict rules as the byte form.
    public init(parsing note: String) throws(LedgerError) {
        try self.init(parsing: Array(note.utf8))
    }

    /// Parses a signed note strictly: at most 16 KiB of UTF-8 without control characters other than newline;
    /// a checkpoint body (``Checkpoint/init(noteText:)``); a blank line; 1–16 signature lines with valid key
    /// names and canonical base64 of at least 5 bytes. Throws ``LedgerError`` on anything else; never traps.
    public init(parsing input: some Collection<UInt8>) throws(LedgerError) {
        let note = Array(input)
        guard note.count <= Self.maximumNoteBytes else { throw .malformedNote("too large") }
        guard String(validating: note, as: UTF8.self) != nil else { throw .malformedNote("not UTF-8") }
        guard note.allSatisfy({ $0 >= 0x20 || $0 == Self.newline }), note.last == Self.newline else {
            throw .malformedNote("control characters or no final newline")
        }
        // C2SP signed-note: the text is separated from the signatures by the last blank line.
        guard let separator = Self.lastBlankLine(in: note) else { throw .malformedNote("no signature block") }
        let body = note[..<(separator + 1)]
        let lines = note[(separator + 2)...].dropLast().split(separator: Self.newline, omittingEmptySubsequences: false)
        guard (1...Self.maximumSignatures).contains(lines.count) else {
            throw .malformedNote("expected 1 to \(Self.maximumSignatures) signatures")
        }
        var signatures: [NoteSignature] = []
        for line in lines {
            signatures.append(try Self.parseSignatureLine(line))
        }
        self.init(checkpoint: try Checkpoint(noteText: body), signatures: signatures)
    }

    private static func lastBlankLine(in note: [UInt8]) -> Int? {
        var index = note.count - 2
        while index >= 0 {
            if note[index] == newline && note[index + 1] == newline {
                return index
            }
            index -= 1
        }
        return nil
    }

    private static func parseSignatureLine(_ line: ArraySlice<UInt8>) throws(LedgerError) -> NoteSignature {
        guard line.starts(with: signaturePrefix) else { throw .malformedNote("signature line prefix") }
        let fields = line.dropFirst(signaturePrefix.count).split(
            separator: UInt8(ascii: " "),
            omittingEmptySubsequences: false
        )
        guard fields.count == 2, Checkpoint.isValidKeyName(fields[0]) else {
            throw .malformedNote("signature line fields")
        }
        guard let blob = Checkpoint.canonicalBase64(fields[1]), blob.count >= 5 else {
            throw .malformedNote("signature encoding")
        }
        return NoteSignature(
            keyName: String(decoding: fields[0], as: UTF8.self),
            keyID: blob.prefix(4).reduce(0) { $0 << 8 | UInt32($1) },
            signature: Array(blob.dropFirst(4))
        )
    }
}

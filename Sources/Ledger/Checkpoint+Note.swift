import Foundation

extension Checkpoint {
    // C2SP tlog-checkpoint allows opaque extension lines after the root; the time is carried in one. Extension
    // lines are not auditable by generic monitors, which is acceptable: the time is informational and the
    // size and root are what consistency is checked on.
    private static let timePrefix = Array("time ".utf8)

    /// The note body that is signed, exactly four lines each ending in a newline:
    ///
    /// ```
    /// <origin>
    /// <size in decimal>
    /// <base64 of the 32-byte root>
    /// time <milliseconds since the Unix epoch, decimal>
    /// ```
    public var noteText: String {
        "\(origin)\n\(size)\n\(Data(root.bytes).base64EncodedString())\ntime \(unixTimeMilliseconds)\n"
    }

    /// Parses ``noteText`` strictly: four non-empty lines, each newline-terminated; decimal numbers without sign
    /// or leading zeros; canonical base64 of exactly 32 bytes. Throws ``LedgerError`` on anything else; never
    /// traps.
    public init(noteText bytes: some Collection<UInt8>) throws(LedgerError) {
        let text = Array(bytes)
        guard text.last == UInt8(ascii: "\n") else { throw .malformedCheckpoint("no final newline") }
        let lines = text.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count == 4 else { throw .malformedCheckpoint("expected four lines") }
        guard let size = Self.decimal(lines[1], maximum: UInt64.max) else {
            throw .malformedCheckpoint("bad tree size")
        }
        guard let rootBytes = Self.canonicalBase64(lines[2]), let root = try? MerkleHash(bytes: rootBytes) else {
            throw .malformedCheckpoint("bad root hash")
        }
        guard lines[3].starts(with: Self.timePrefix),
            let time = Self.decimal(lines[3].dropFirst(Self.timePrefix.count), maximum: UInt64(Int64.max))
        else { throw .malformedCheckpoint("bad time line") }
        try self.init(
            origin: String(decoding: lines[0], as: UTF8.self),
            size: size,
            root: root,
            unixTimeMilliseconds: Int64(time)
        )
        // Origin validation above admits ASCII only, so this round trip also rules out any byte-level ambiguity.
        guard Array(noteText.utf8) == text else { throw .malformedCheckpoint("not canonical") }
    }

    /// A decimal without sign or leading zeros (except `0` itself) that is at most `maximum`.
    static func decimal(_ digits: some Collection<UInt8>, maximum: UInt64) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 20,
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.count == 1 || digits.first != UInt8(ascii: "0"),
            let value = UInt64(String(decoding: digits, as: UTF8.self)), value <= maximum
        else { return nil }
        return value
    }

    /// RFC 4648 §4 base64 that re-encodes to exactly the same characters (padding present, no whitespace, zero
    /// pad bits), so each value has one spelling and a signed note cannot be re-spelled.
    static func canonicalBase64(_ characters: some Collection<UInt8>) -> [UInt8]? {
        let text = String(decoding: characters, as: UTF8.self)
        guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else { return nil }
        return Array(data)
    }
}

import Foundation
import Passbook
import Testing

/// Inputs no genuine passbook produces: each gives ``PassbookVerdict/malformed(line:reason:)`` with the line at
/// fault and a reason that names the rule, never a trap.
@Suite("Passbook hostile input")
struct HostileInputTests {
    static func genuine() throws -> (PassbookVerifier, [String]) {
        let (signer, passbook) = try Fixture.passbook(entries: 2)
        return (
            signer.verifier, passbook.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        )
    }

    static func expectMalformed(
        _ bytes: [UInt8], line: Int, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (verifier, _) = try genuine()
        let verdict = verifier.verify(bytes: bytes).verdict
        guard case .malformed(let found, let why) = verdict else {
            Issue.record("not malformed: \(verdict)", sourceLocation: sourceLocation)
            return
        }
        #expect(found == line, "\(why)", sourceLocation: sourceLocation)
        #expect(why.contains(reason), "\(why)", sourceLocation: sourceLocation)
    }

    /// The genuine file with line `number` (1-based) replaced by `replacement`.
    static func edited(_ number: Int, _ replacement: String) throws -> [UInt8] {
        var (_, lines) = try genuine()
        lines[number - 1] = replacement
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test("Sizes: empty, a 10 MB line, a 9 MB file of short lines, a 600-byte line")
    func sizes() throws {
        try Self.expectMalformed([], line: 1, "empty")
        try Self.expectMalformed(Array(repeating: UInt8(ascii: "a"), count: 10_000_000), line: 1, "larger than")
        let manyLines = Array(repeating: Array("entry 1\n".utf8), count: 1_200_000).flatMap { $0 }
        try Self.expectMalformed(manyLines, line: 1_048_577, "larger than")
        try Self.expectMalformed(
            try Self.edited(4, "surname " + String(repeating: "a", count: 600)), line: 4, "longer than 512")
    }

    @Test("Bytes: NUL, tab, carriage return, DEL, invalid UTF-8, a byte order mark, no final newline")
    func bytes() throws {
        try Self.expectMalformed(try Self.edited(4, "surname Pros\u{0}ser"), line: 4, "control character 0x00")
        try Self.expectMalformed(try Self.edited(4, "surname\tProsser"), line: 4, "control character 0x09")
        try Self.expectMalformed(try Self.edited(4, "surname Prosser\r"), line: 4, "control character 0x0d")
        try Self.expectMalformed(try Self.edited(4, "surname Prosser\u{7F}"), line: 4, "control character 0x7f")
        let (_, lines) = try Self.genuine()
        for invalid: [UInt8] in [
            [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ] {
            var bytes = Array(lines[0...3].joined(separator: "\n").utf8) + invalid + [0x0A]
            bytes += Array(lines[4...].joined(separator: "\n").utf8)
            try Self.expectMalformed(bytes, line: 4, "not valid UTF-8")
        }
        try Self.expectMalformed(
            [0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\n").utf8), line: 1, "not a Sievert passbook")
        try Self.expectMalformed(
            Array(lines.dropLast().joined(separator: "\n").utf8), line: lines.count - 1, "no newline")
    }

    @Test("Structure: duplicated, missing and reordered fields, extra spaces, trailing garbage")
    func structure() throws {
        try Self.expectMalformed(
            try Self.edited(5, "surname Prosser"), line: 5, "expected 'forenames', found 'surname'")
        try Self.expectMalformed(try Self.edited(5, ""), line: 5, "expected 'forenames', found a blank line")
        try Self.expectMalformed(try Self.edited(4, "surname  Prosser"), line: 4, "spaces")
        try Self.expectMalformed(try Self.edited(4, "surname Prosser "), line: 4, "spaces")
        try Self.expectMalformed(try Self.edited(4, "surname"), line: 4, "'surname' has no value")
        try Self.expectMalformed(try Self.edited(10, "trailing"), line: 10, "blank line")
        try Self.expectMalformed(try Self.edited(11, "entry 1 "), line: 11, "entry: must be")
        let (_, lines) = try Self.genuine()
        try Self.expectMalformed(
            Array((lines.joined(separator: "\n") + "more\n").utf8), line: lines.count, "after the seal")
        var missing = lines
        missing.remove(at: 15)
        try Self.expectMalformed(Array(missing.joined(separator: "\n").utf8), line: 16, "expected 'kind'")
    }

    @Test("Values: one spelling each")
    func values() throws {
        let cases: [(line: Int, text: String, reason: String)] = [
            (1, "sievert-passbook v2", "not a Sievert passbook"),
            (2, "serial pb-000123", "serial: must be"),
            (3, "holder 0190A5C2-7B1E-7C3D-9F00-1A2B3C4D5E6F", "holder: must be a lowercase UUID"),
            (6, "date-of-birth 1990-4-2", "date-of-birth: must be"),
            (6, "date-of-birth 1990-02-30", "date-of-birth: must be"),
            (7, "nino ab123456c", "nino: must be"),
            (7, "nino AB 12 34 56 C", "nino: must be"),
            (7, "nino QQ123456C", "nino: must be"),
            (8, "issued 2025-01-15T09:30:00.000Z", "issued: must be"),
            (8, "issued 2025-01-15T24:00:00Z", "issued: must be"),
            (8, "issued 2025-01-15 09:30:00Z", "issued: must be"),
            (9, "signature 1A2B3C4D AAAA", "signature: must be"),
            (11, "entry 01", "entry: must be"),
            (11, "entry 0", "entry: must be"),
            (11, "entry 99999999999999999999", "entry: must be"),
            (14, "employer avuhb", "employer: must be"),
            (15, "period 2025-01-31 2025-01-01", "period: must be"),
            (15, "period 2025-01-01  2025-01-31", "period: must be"),
            (16, "kind Measured", "kind: must be"),
            (17, "hp10 0.12", "hp10: must be"),
            (17, "hp10 00.120", "hp10: must be"),
            (17, "hp10 -0.120", "hp10: must be"),
            (17, "hp10 +0.120", "hp10: must be"),
            (17, "hp10 1e3", "hp10: must be"),
            (17, "hp10 10000.001", "hp10: must be"),
            (17, "hp10 99999999999999999999.000", "hp10: must be"),
            (17, "hp10 none", "hp10: must be"),
            (20, "ytd-hp10 1000000.001", "ytd-hp10: must be"),
            (23, "designation Classified", "designation: must be"),
            (24, "previous " + String(repeating: "A", count: 64), "previous: must be"),
            (24, "previous " + String(repeating: "a", count: 63), "previous: must be"),
        ]
        for (line, text, reason) in cases {
            try Self.expectMalformed(try Self.edited(line, text), line: line, reason)
        }
    }

    @Test("A signature in non-canonical base64 (other pad bits) is refused before any key is tried")
    func nonCanonicalBase64() throws {
        let (_, lines) = try Self.genuine()
        let signature = lines[8]
        // The last character before the padding carries 4 unused bits; lenient decoders ignore them, the parser does not.
        var characters = Array(signature)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let position = characters.count - 3
        guard let index = alphabet.firstIndex(of: characters[position]) else {
            Issue.record("unexpected signature text")
            return
        }
        characters[position] = alphabet[index ^ 1]
        try Self.expectMalformed(try Self.edited(9, String(characters)), line: 9, "signature: must be")
    }

    @Test("A seal claiming an entry count beyond the limit is refused without allocating for it")
    func hugeCount() throws {
        let (_, lines) = try Self.genuine()
        try Self.expectMalformed(try Self.edited(lines.count - 4, "seal 10001"), line: lines.count - 4, "seal: must be")
    }
}

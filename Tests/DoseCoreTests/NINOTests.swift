import DoseCore
import Foundation
import Testing

@Suite("National Insurance number")
struct NINOTests {
    static let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map(String.init)

    @Test(
        "spacing and case are normalised",
        arguments: [
            ("AB123456C", "AB123456C"), ("ab123456c", "AB123456C"), ("AB 12 34 56 C", "AB123456C"),
            ("  a b1 2345 6c  ", "AB123456C"), ("Ab 123456 d", "AB123456D"),
        ])
    func normalises(raw: String, expected: String) throws {
        #expect(try NINO(parsing: raw).value == expected)
    }

    @Test("the first letter may not be D, F, I, Q, U or V", arguments: letters)
    func firstLetter(letter: String) {
        let text = "\(letter)A123456A"
        if "DFIQUV".contains(letter) {
            #expect(throws: NINOError.invalidFirstLetter) { try NINO(parsing: text) }
        } else {
            #expect((try? NINO(parsing: text))?.value == text)
        }
    }

    @Test("the second letter may not be D, F, I, O, Q, U or V", arguments: letters)
    func secondLetter(letter: String) {
        let text = "A\(letter)123456A"
        if "DFIOQUV".contains(letter) {
            #expect(throws: NINOError.invalidSecondLetter) { try NINO(parsing: text) }
        } else {
            #expect((try? NINO(parsing: text))?.value == text)
        }
    }

    @Test("prefixes that are never issued are refused", arguments: ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"])
    func neverIssued(prefix: String) {
        #expect(throws: NINOError.neverIssuedPrefix) { try NINO(parsing: "\(prefix)123456A") }
        #expect(throws: NINOError.neverIssuedPrefix) { try NINO(parsing: "\(prefix.lowercased()) 12 34 56 A") }
    }

    @Test(
        "a letter that forms an allowed prefix with another is fine", arguments: ["BA", "GA", "KA", "NA", "TA", "ZA"])
    func nearNeverIssued(prefix: String) throws {
        #expect(try NINO(parsing: "\(prefix)123456A").value == "\(prefix)123456A")
    }

    @Test("suffixes A to D are valid", arguments: ["A", "B", "C", "D"])
    func validSuffix(suffix: String) throws {
        #expect(try NINO(parsing: "AB123456\(suffix)").value == "AB123456\(suffix)")
    }

    @Test("other suffixes are refused", arguments: ["E", "Z", "0", "9"])
    func invalidSuffix(suffix: String) {
        #expect(throws: NINOError.invalidSuffix) { try NINO(parsing: "AB123456\(suffix)") }
    }

    @Test("a missing or blank suffix is a length error")
    func missingSuffix() {
        #expect(throws: NINOError.wrongLength) { try NINO(parsing: "AB123456") }
        #expect(throws: NINOError.wrongLength) { try NINO(parsing: "AB123456 ") }
    }

    @Test(
        "wrong lengths are refused",
        arguments: ["A", "AB12345C", "AB1234567C", "AB123456CC", "AB 12 34 56 C D"])
    func wrongLength(text: String) {
        #expect(throws: NINOError.wrongLength) { try NINO(parsing: text) }
    }

    @Test("empty and all-space input is reported as empty", arguments: ["", " ", "         "])
    func empty(text: String) {
        #expect(throws: NINOError.empty) { try NINO(parsing: text) }
    }

    @Test(
        "non-digit middles are refused",
        arguments: ["AB12345XC", "ABX23456C", "AB1234A6C"])
    func digits(text: String) {
        #expect(throws: NINOError.invalidDigits) { try NINO(parsing: text) }
    }

    @Test("a digit where a letter belongs is a letter error")
    func digitInPrefix() {
        #expect(throws: NINOError.invalidFirstLetter) { try NINO(parsing: "1B123456C") }
        #expect(throws: NINOError.invalidSecondLetter) { try NINO(parsing: "A1123456C") }
    }

    @Test(
        "unicode digits, letters, punctuation and other whitespace are refused",
        arguments: [
            "AB１23456C", "AB١٢٣٤٥٦C", "ÀB123456C", "AB123456Ç", "AB-12-34-56-C", "AB\t123456C", "AB123456C\n",
            "AB\u{00A0}123456C", "AB123456C\u{0}", "ΑΒ123456C",
        ])
    func unicode(text: String) {
        #expect(throws: NINOError.invalidCharacters) { try NINO(parsing: text) }
    }

    @Test("a huge string is refused by length without being scanned")
    func huge() {
        let huge = String(repeating: "A", count: 50_000_000)
        let start = ContinuousClock.now
        #expect(throws: NINOError.wrongLength) { try NINO(parsing: huge) }
        // Generous bound: the check must not be linear in the input.
        #expect(ContinuousClock.now - start < .milliseconds(100))
    }

    @Test("every error explains its rule in plain English, naming the letters involved")
    func reasons() {
        #expect(NINOError.invalidFirstLetter.reason.contains("D, F, I, Q, U or V"))
        #expect(NINOError.invalidSecondLetter.reason.contains("D, F, I, O, Q, U or V"))
        #expect(NINOError.neverIssuedPrefix.reason.contains("BG, GB, KN, NK, NT, TN or ZZ"))
        #expect(NINOError.invalidSuffix.reason.contains("A, B, C or D"))
        let all: [NINOError] = [
            .empty, .wrongLength, .invalidCharacters, .invalidFirstLetter, .invalidSecondLetter, .neverIssuedPrefix,
            .invalidDigits, .invalidSuffix,
        ]
        #expect(Set(all.map(\.reason)).count == all.count)
    }

    @Test("masked and spaced forms")
    func forms() throws {
        let nino = try NINO(parsing: "ab123456c")
        #expect(nino.masked == "••••••56C")
        #expect(nino.spaced == "AB 12 34 56 C")
        #expect("\(nino)" == "••••••56C")
        #expect(String(reflecting: nino).contains("AB1234") == false)
    }

    @Test("encodes as the normalised value and decoding checks the rules")
    func coding() throws {
        let data = try JSONEncoder().encode([try NINO(parsing: "ab 12 34 56 c")])
        #expect(String(decoding: data, as: UTF8.self) == #"["AB123456C"]"#)
        #expect(try JSONDecoder().decode([NINO].self, from: data).first?.value == "AB123456C")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([NINO].self, from: Data(#"["QQ123456C"]"#.utf8))
        }
    }
}

import DoseCore
import Foundation
import Testing

@Suite("Identifier")
struct IdentifierTests {
    @Test("parses UUID text in any case and prints it in lower case")
    func parsesAnyCase() throws {
        let upper = try #require(PersonID("0190A5C2-7B1E-7C3D-9F00-1A2B3C4D5E6F"))
        let lower = try #require(PersonID("0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f"))
        #expect(upper == lower)
        #expect(upper.description == "0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f")
    }

    @Test(
        "refuses text that is not a hyphenated UUID",
        arguments: [
            "", "0190a5c27b1e7c3d9f001a2b3c4d5e6f", "{0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f}",
            " 0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f", "0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6g",
            "0190a5c2-7b1e-7c3d-9f001-a2b3c4d5e6f", "0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6é",
        ])
    func refusesMalformedText(text: String) {
        #expect(OrganisationID(text) == nil)
    }

    // Foundation's parser on Linux is laxer (it takes a space or an `x` for a digit), so it only gives the bytes of
    // the texts the rule says are UUIDs.
    @Test("parses random UUID texts to Foundation's bytes, and refuses them with any character out of place")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEF-xZ {}é")
        for _ in 0..<2_000 {
            var text = Array(UUID().uuidString)
            if Bool.random(using: &generator) { text = Array(String(text).lowercased()) }
            if Bool.random(using: &generator) {
                text[Int.random(in: 0..<text.count, using: &generator)] =
                    alphabet.randomElement(using: &generator) ?? "x"
            }
            let string = String(text)
            let hex = Set("0123456789abcdefABCDEF")
            let wellFormed =
                text.count == 36
                && text.enumerated().allSatisfy { [8, 13, 18, 23].contains($0) ? $1 == "-" : hex.contains($1) }
            if wellFormed {
                #expect(PersonID(string)?.uuid == UUID(uuidString: string), "\(string)")
            } else {
                #expect(PersonID(string) == nil, "\(string)")
            }
        }
    }

    @Test("encodes as a JSON string and decodes back")
    func codableAsString() throws {
        let id = EmploymentID.generate(now: Date(timeIntervalSince1970: 1_700_000_000))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(id.description)\"]")
        #expect(try JSONDecoder().decode([EmploymentID].self, from: data) == [id])
    }

    @Test("decoding refuses text that is not a UUID")
    func decodingRefusesGarbage() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PersonID].self, from: Data("[\"not-a-uuid\"]".utf8))
        }
    }

    @Test("generated identifiers are version 7 with the RFC 9562 variant and the millisecond timestamp")
    func generatesUUIDv7() throws {
        let now = Date(timeIntervalSince1970: 1_717_171_717.123)
        let id = PersonID.generate(now: now)
        let text = id.description
        let characters = Array(text)
        #expect(characters[14] == "7")
        #expect("89ab".contains(characters[19]))
        #expect(id.version == 7)
        let stamp = try #require(id.timestamp)
        #expect(abs(stamp.timeIntervalSince1970 - 1_717_171_717.123) < 0.001)
        #expect(text.hasPrefix("018fcf69-0403-7"))  // 1717171717123 ms = 0x018FCF690403
    }

    @Test("identifiers generated at later milliseconds sort later")
    func sortsByTime() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        // Half a millisecond in, so binary rounding of the offset cannot land on the previous millisecond.
        let ids = (0..<200).map { PersonID.generate(now: start.addingTimeInterval((Double($0) + 0.5) / 1000)) }
        #expect(ids.sorted() == ids)
        #expect(ids.map(\.description).sorted() == ids.map(\.description))
    }

    @Test("generated identifiers do not repeat")
    func unique() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let ids = Set((0..<10_000).map { _ in PersonID.generate(now: now) })
        #expect(ids.count == 10_000)
    }

    @Test("a seeded generator makes the same identifier twice")
    func seededIsReproducible() {
        struct Fixed: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                return state
            }
        }
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var first = Fixed(state: 1)
        var second = Fixed(state: 1)
        #expect(PersonID.generate(now: now, using: &first) == PersonID.generate(now: now, using: &second))
    }

    @Test("the bits of a UUIDv7 sit where RFC 9562 puts them: time, version, random, variant, random")
    func layout() {
        struct Words: RandomNumberGenerator {
            var words: [UInt64] = [0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210]
            mutating func next() -> UInt64 { words.removeFirst() }
        }
        var words = Words()
        let id = PersonID.generate(now: Date(timeIntervalSince1970: 1_700_000_000.123), using: &words)
        // 1,700,000,000,123 ms = 0x018BCFE5687B; 0xEF's low nibble after the 7; 0xCD; 0xAB's low six bits after
        // the variant's 10; then the second word's bytes, lowest first.
        #expect(id.description == "018bcfe5-687b-7fcd-ab10-32547698badc")
    }

    @Test("clock values before 1970 or not finite do not trap")
    func oddClocks() {
        #expect(PersonID.generate(now: Date(timeIntervalSince1970: -5)).description.hasPrefix("00000000-0000-7"))
        #expect(PersonID.generate(now: Date(timeIntervalSince1970: .nan)).version == 7)
        #expect(PersonID.generate(now: .distantFuture).version == 7)
    }
}

import Ledger
import SeededRandom
import Testing

@Suite("Audit events and ledger entries")
struct LedgerEntryTests {
    static func sample(index: UInt64 = 42) throws -> LedgerEntry {
        LedgerEntry(
            index: index,
            event: try AuditEvent(
                unixTimeMilliseconds: 1_767_225_600_000,
                actor: "acct_1",
                role: "org-lead",
                action: "person.read",
                subjectIDs: ["per_a", "per_b"],
                organisationID: "org_9",
                purpose: "dose-review",
                requestID: "req-1",
                outcome: "success"
            )
        )
    }

    // Computed independently in Python (struct.pack over the documented layout, hashlib.sha256(0x00 ‖ bytes)),
    // so stored leaves can never change silently.
    @Test("The canonical bytes and leaf hash of fixed entries are pinned")
    func pinnedEncoding() throws {
        let entry = try Self.sample()
        #expect(
            entry.canonicalBytes.hex
                == "00000017736965766572742e6c65646765722e656e7472792e7631000000000000002a0000019b76daa800000000"
                + "06616363745f31000000086f72672d6c6561640000000b706572736f6e2e7265616400000002000000057065725f"
                + "61000000057065725f6201000000056f72675f390000000b646f73652d726576696577000000057265712d310000"
                + "000773756363657373"
        )
        #expect(entry.leafHash.hex == "cd7f81f33191c540c3de2a4a6344677cd6af64484d23f66cfc340c2956095f19")
        let anonymous = LedgerEntry(
            index: 0,
            event: try AuditEvent(
                unixTimeMilliseconds: -1,
                actor: "anonymous",
                role: "none",
                action: "login.failure",
                subjectIDs: [],
                organisationID: nil,
                purpose: "authentication",
                requestID: "r",
                outcome: "failure"
            )
        )
        #expect(anonymous.leafHash.hex == "ddcd09259c7331dd434953a6b90dd2ac5bcbe50ff7dc6252db9dab1d0bc0f9af")
        #expect(try LedgerEntry(decoding: anonymous.canonicalBytes) == anonymous)
    }

    @Test("Entries round-trip through their canonical bytes")
    func roundTrip() throws {
        for entry in try Fixture.entries(200) {
            #expect(try LedgerEntry(decoding: entry.canonicalBytes) == entry)
        }
    }

    @Test("Moving bytes between adjacent fields, or the index, changes the leaf")
    func injective() throws {
        func entry(_ actor: String, _ role: String, subjects: [String], organisation: String?) throws -> LedgerEntry {
            LedgerEntry(
                index: 1,
                event: try AuditEvent(
                    unixTimeMilliseconds: 0,
                    actor: actor,
                    role: role,
                    action: "a",
                    subjectIDs: subjects,
                    organisationID: organisation,
                    purpose: "p",
                    requestID: "r",
                    outcome: "o"
                )
            )
        }
        let variants = [
            try entry("ab", "c", subjects: ["x"], organisation: nil),
            try entry("a", "bc", subjects: ["x"], organisation: nil),
            try entry("a", "bc", subjects: ["x", "y"], organisation: nil),
            try entry("a", "bc", subjects: ["xy"], organisation: nil),
            try entry("a", "bc", subjects: [], organisation: "x"),
            try entry("a", "bc", subjects: ["x"], organisation: "x"),
        ]
        #expect(Set(variants.map(\.canonicalBytes)).count == variants.count)
        let moved = LedgerEntry(index: 2, event: variants[0].event)
        #expect(moved.leafHash != variants[0].leafHash)
    }

    @Test("Fields with spaces, control characters, non-ASCII, nothing or too much are refused")
    func fieldValidation() throws {
        func make(actor: String = "a", subjects: [String] = [], organisation: String? = nil) throws -> AuditEvent {
            try AuditEvent(
                unixTimeMilliseconds: 0,
                actor: actor,
                role: "r",
                action: "a",
                subjectIDs: subjects,
                organisationID: organisation,
                purpose: "p",
                requestID: "q",
                outcome: "o"
            )
        }
        for bad in ["", "Jane Smith", "tab\there", "line\n", "Zoë", "🙂", String(repeating: "x", count: 257)] {
            #expect(throws: LedgerError.invalidField("actor")) { try make(actor: bad) }
            #expect(throws: LedgerError.invalidField("subjectIDs")) { try make(subjects: ["ok", bad]) }
            #expect(throws: LedgerError.invalidField("organisationID")) { try make(organisation: bad) }
        }
        _ = try make(actor: String(repeating: "x", count: 256), subjects: ["per_1"], organisation: "org_1")
    }

    @Test("The decoder rejects another domain, another version, bad markers and trailing bytes")
    func strictDecoding() throws {
        let bytes = try Self.sample().canonicalBytes
        #expect(throws: LedgerError.malformedEntry("trailing bytes")) { try LedgerEntry(decoding: bytes + [0]) }
        var version2 = bytes
        version2[4 + 22] = UInt8(ascii: "2")
        #expect(throws: LedgerError.unsupportedVersion) { try LedgerEntry(decoding: version2) }
        var otherDomain = bytes
        otherDomain[4] = UInt8(ascii: "S")
        #expect(throws: LedgerError.malformedEntry("not a ledger entry")) { try LedgerEntry(decoding: otherDomain) }
        // The organisation marker sits after the two subjects; 0x02 is neither absent nor present.
        let marker = bytes.count - (4 + 11 + 4 + 5 + 4 + 7) - (4 + 5) - 1
        #expect(bytes[marker] == 1)
        var badMarker = bytes
        badMarker[marker] = 2
        #expect(throws: LedgerError.malformedEntry("bad organisation marker")) { try LedgerEntry(decoding: badMarker) }
        var spaced = bytes
        spaced[bytes.count - 1] = UInt8(ascii: " ")
        #expect(throws: LedgerError.invalidField("outcome")) { try LedgerEntry(decoding: spaced) }
    }

    @Test("10,000 random byte strings and 10,000 mutated entries never trap the decoder")
    func fuzzDecoder() throws {
        var generator = SeededGenerator(seed: 8_000)
        let valid = try Self.sample().canonicalBytes
        var acceptedRandom = 0
        for _ in 0..<10_000 {
            let random = generator.bytes(Int.random(in: 0...200, using: &generator))
            acceptedRandom += (try? LedgerEntry(decoding: random)) == nil ? 0 : 1
            // A valid prefix with a random tail reaches the field decoders.
            let tail = valid.prefix(Int.random(in: 0...valid.count, using: &generator)) + generator.bytes(8)
            _ = try? LedgerEntry(decoding: Array(tail))
            var mutated = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[position] ^= UInt8.random(in: 1...255, using: &generator)
            }
            if let entry = try? LedgerEntry(decoding: mutated) {
                #expect(entry.canonicalBytes == mutated, "decoding must be canonical")
            }
        }
        #expect(acceptedRandom == 0)
    }
}

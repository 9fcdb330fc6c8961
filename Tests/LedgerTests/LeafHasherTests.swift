import Crypto
import Ledger
import SeededRandom
import Testing

/// An entry's fields as byte arrays, handed to ``LeafHasher`` both as pointers into one buffer (as a database
/// cursor hands out a row's columns) and as strings.
struct RawFields {
    var index: UInt64
    var time: Int64
    var actor: [UInt8]
    var role: [UInt8]
    var action: [UInt8]
    var subject: [UInt8]?
    var organisation: [UInt8]?
    var purpose: [UInt8]
    var requestID: [UInt8]
    var outcome: [UInt8]

    init(_ entry: LedgerEntry) {
        let event = entry.event
        index = entry.index
        time = event.unixTimeMilliseconds
        actor = Array(event.actor.utf8)
        role = Array(event.role.utf8)
        action = Array(event.action.utf8)
        subject = event.subjectIDs.first.map { Array($0.utf8) }
        organisation = event.organisationID.map { Array($0.utf8) }
        purpose = Array(event.purpose.utf8)
        requestID = Array(event.requestID.utf8)
        outcome = Array(event.outcome.utf8)
    }

    init(
        index: UInt64, time: Int64, actor: String, role: String, action: String, subject: String?,
        organisation: String?, purpose: String, requestID: String, outcome: String
    ) {
        self.index = index
        self.time = time
        self.actor = Array(actor.utf8)
        self.role = Array(role.utf8)
        self.action = Array(action.utf8)
        self.subject = subject.map { Array($0.utf8) }
        self.organisation = organisation.map { Array($0.utf8) }
        self.purpose = Array(purpose.utf8)
        self.requestID = Array(requestID.utf8)
        self.outcome = Array(outcome.utf8)
    }

    /// Through the pointer entry point, every field a slice of one contiguous buffer.
    func pointerHash(_ hasher: inout LeafHasher) -> MerkleHash {
        let parts = [actor, role, action, subject, organisation, purpose, requestID, outcome]
        let joined = parts.flatMap { $0 ?? [] }
        return joined.withUnsafeBytes { base in
            var offset = 0
            var slices: [UnsafeRawBufferPointer?] = []
            for part in parts {
                guard let part else {
                    slices.append(nil)
                    continue
                }
                slices.append(UnsafeRawBufferPointer(rebasing: base[offset..<offset + part.count]))
                offset += part.count
            }
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            return hasher.leafHash(
                of: LedgerEntryFields(
                    index: index, unixTimeMilliseconds: time, actor: slices[0] ?? empty, role: slices[1] ?? empty,
                    action: slices[2] ?? empty, subject: slices[3], organisationID: slices[4],
                    purpose: slices[5] ?? empty, requestID: slices[6] ?? empty, outcome: slices[7] ?? empty))
        }
    }

    /// Through the string entry point (only for fields that are valid UTF-8).
    func stringHash(_ hasher: inout LeafHasher) -> MerkleHash {
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        let subject = self.subject.map(text)
        let organisation = self.organisation.map(text)
        return hasher.leafHash(
            of: LedgerEntryFields(
                index: index, unixTimeMilliseconds: time, actor: text(actor).utf8, role: text(role).utf8,
                action: text(action).utf8, subject: subject?.utf8, organisationID: organisation?.utf8,
                purpose: text(purpose).utf8, requestID: text(requestID).utf8, outcome: text(outcome).utf8))
    }

    /// The documented layout (LedgerEntry+Encoding), written out byte by byte here, then SHA-256(0x00 ‖ leaf).
    var referenceHash: MerkleHash {
        func length(_ count: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: count >> (24 - 8 * $0)) } }
        func field(_ bytes: [UInt8]) -> [UInt8] { length(bytes.count) + bytes }
        var leaf = field(Array("sievert.ledger.entry.v1".utf8))
        leaf += (0..<8).map { UInt8(truncatingIfNeeded: index >> (56 - 8 * UInt64($0))) }
        leaf += (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: time) >> (56 - 8 * UInt64($0))) }
        leaf += field(actor) + field(role) + field(action)
        leaf += length(subject == nil ? 0 : 1) + (subject.map(field) ?? [])
        leaf += organisation.map { [0x01] + field($0) } ?? [0x00]
        leaf += field(purpose) + field(requestID) + field(outcome)
        return MerkleHash(digest: SHA256.hash(data: [0x00] + leaf))
    }
}

@Suite("Leaf hashes straight from field bytes")
struct LeafHasherTests {
    static func printable(_ random: inout SplitMix64, length: Int) -> String {
        String(decoding: (0..<length).map { _ in UInt8.random(in: 0x21...0x7e, using: &random) }, as: UTF8.self)
    }

    static func randomEntry(_ random: inout SplitMix64) throws -> LedgerEntry {
        func field() -> String {
            // Short ids mostly, the longest field allowed now and then.
            let length = Bool.random(using: &random) ? 256 : Int.random(in: 1...40, using: &random)
            return printable(&random, length: length)
        }
        let times: [Int64] = [.min, .max, 0, -1, Int64.random(in: .min ... .max, using: &random)]
        let indices: [UInt64] = [0, .max, UInt64.random(in: 0...1_000_000, using: &random)]
        return LedgerEntry(
            index: indices[Int.random(in: 0..<indices.count, using: &random)],
            event: try AuditEvent(
                unixTimeMilliseconds: times[Int.random(in: 0..<times.count, using: &random)], actor: field(),
                role: field(), action: field(), subjectIDs: Bool.random(using: &random) ? [field()] : [],
                organisationID: Bool.random(using: &random) ? field() : nil, purpose: field(), requestID: field(),
                outcome: field()))
    }

    @Test("For 2,000 random valid entries, one reused hasher gives each entry's canonical leaf hash")
    func matchesCanonical() throws {
        var random = SplitMix64(seed: 9162)
        var hasher = LeafHasher()
        for _ in 0..<2_000 {
            let entry = try Self.randomEntry(&random)
            let fields = RawFields(entry)
            #expect(fields.pointerHash(&hasher) == entry.leafHash, "\(entry)")
            #expect(fields.stringHash(&hasher) == entry.leafHash, "\(entry)")
            #expect(fields.referenceHash == entry.leafHash, "\(entry)")
        }
    }

    // Computed independently in Python (struct.pack over the documented layout, hashlib.sha256(0x00 ‖ bytes)).
    @Test("Leaf hashes of fixed fields are pinned, valid or not")
    func pinned() {
        var hasher = LeafHasher()
        let anonymous = RawFields(
            index: 0, time: -1, actor: "anonymous", role: "none", action: "login.failure", subject: nil,
            organisation: nil, purpose: "authentication", requestID: "r", outcome: "failure")
        let extreme = RawFields(
            index: .max, time: .min, actor: "tok_0123456789ab", role: "wearer", action: "person.read",
            subject: "0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f", organisation: "0190a5c2-7b1e-7c3d-9f00-000000000001",
            purpose: "subject-access", requestID: "0123456789abcdef0123456789abcdef", outcome: "ok")
        let invalid = RawFields(
            index: 7, time: 1_767_225_600_000, actor: "Zoë 🚀", role: "", action: "person read", subject: "",
            organisation: nil, purpose: String(repeating: "x", count: 300), requestID: "\u{0}", outcome: "ok")
        let pinned: [(RawFields, String)] = [
            (anonymous, "ddcd09259c7331dd434953a6b90dd2ac5bcbe50ff7dc6252db9dab1d0bc0f9af"),
            (extreme, "abebb3bea988f4f7c97e2981fb3c630ada9d958b0afbc66c801919330ebb1414"),
            (invalid, "c0868861f07102df1497773c60fd18bd3ea17b1bbca9e484bbca06e53a2e368a"),
        ]
        for (fields, hex) in pinned {
            #expect(fields.pointerHash(&hasher).hex == hex)
            #expect(fields.stringHash(&hasher).hex == hex)
        }
    }

    @Test("Bytes no event may hold are hashed as they are, never as the valid entry they were edited from")
    func unvalidatedBytes() throws {
        var random = SplitMix64(seed: 2017)
        var hasher = LeafHasher()
        let hostile: [[UInt8]] = [
            [], Array("has a space".utf8), Array("Zoë".utf8), Array("🚀".utf8), [0x00], [0xff, 0xfe],
            Array(repeating: 0x41, count: 257), Array(repeating: 0x7e, count: 1 << 20), random.bytes(4_096),
        ]
        for _ in 0..<200 {
            let entry = try Self.randomEntry(&random)
            let valid = RawFields(entry)
            for bytes in hostile {
                var edited = valid
                switch Int.random(in: 0..<5, using: &random) {
                case 0: edited.actor = bytes
                case 1: edited.subject = bytes
                case 2: edited.organisation = bytes
                case 3: edited.requestID = bytes
                default: edited.outcome = bytes
                }
                let hash = edited.pointerHash(&hasher)
                #expect(hash == edited.referenceHash)
                #expect(hash != entry.leafHash)
            }
        }
    }
}

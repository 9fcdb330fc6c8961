import DoseCore
import Foundation
import GRDB
import Ledger
import SievertStorage
import SievertTestSupport
import Testing

/// `RecordStore.auditLeaves(in:)`, what verification reads: each store hashes its rows where they lie, and must
/// give exactly the leaf hashes of the canonical `LedgerEntry` encoding of the events it was given.
@Suite("Audit leaves straight from the stored rows")
struct AuditLeafContractTests {
    /// Every printable ASCII byte, the quotes and escapes included, cut to `length`.
    static func ascii(_ length: Int, from start: Int = 0) -> String {
        let alphabet = Array(UInt8(ascii: "!")...UInt8(ascii: "~"))
        return String(decoding: (0..<length).map { alphabet[(start + $0) % alphabet.count] }, as: UTF8.self)
    }

    /// Events at the edges of what the ledger accepts: times before 1970, at the epoch, with sub-millisecond
    /// parts and near the year 10000; fields of one byte and of 256; no subject or organisation, or both.
    static func events() -> [AuditEventRow] {
        let times: [Double] = [
            -2_208_988_800, -1.5, -0.0004, 0, 0.0005, 1.234_567_8, 1_790_000_000.999, 253_402_300_799.999,
        ]
        var events: [AuditEventRow] = []
        for (offset, time) in times.enumerated() {
            for shape in 0..<4 {
                let long = shape % 2 == 1
                let text = { (start: Int) in long ? ascii(256, from: start) : ascii(1, from: start + offset) }
                events.append(
                    AuditEventRow(
                        occurredAt: Date(timeIntervalSince1970: time), actor: text(1), role: text(2),
                        action: text(3), subjectID: shape >= 2 ? text(4) : nil,
                        organisationID: shape == 1 || shape == 2 ? OrganisationID.generate() : nil,
                        purpose: text(5), requestID: text(6), outcome: text(7)))
            }
        }
        events.append(RowFixtures.event("person.read", organisation: .generate()))
        events.append(
            AuditEventRow(
                occurredAt: Date(), actor: "tok_0123456789ab", role: "wearer", action: "person.read",
                subjectID: PersonID.generate().description, organisationID: .generate(), purpose: "subject-access",
                requestID: ascii(32), outcome: "ok"))
        return events
    }

    /// The canonical leaves: each event's `LedgerEntry` at the sequence it was appended at.
    static func canonical(_ events: [AuditEventRow]) throws -> [AuditLeaf] {
        try events.enumerated().map { offset, event in
            let sequence = Int64(offset) + 1
            return AuditLeaf(sequence: sequence, leafHash: try event.ledgerEntry(sequence: sequence).leafHash)
        }
    }

    /// The leaf hash column each store wrote beside the rows, in sequence order, as hex.
    static func storedLeafHashes(_ test: TestStore) async throws -> [String] {
        switch test.kind {
        case .sqlite:
            let sql = "SELECT leaf_hash FROM audit_events ORDER BY sequence"
            let queue = try DatabaseQueue(path: try #require(test.sqlitePath))
            defer { try? queue.close() }
            return try await queue.read { db in try Data.fetchAll(db, sql: sql) }.map { try MerkleHash(bytes: $0).hex }
        case .postgres:
            return try await PostgresTestDatabase.strings(
                try #require(test.postgres?.owner),
                "SELECT encode(leaf_hash, 'hex') FROM audit_events ORDER BY sequence")
        }
    }

    @Test(
        "every range gives the canonical leaf hash of each event, and the hash stored when it was appended",
        arguments: StoreKind.available)
    func canonicalLeaves(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let events = Self.events()
            let expected = try Self.canonical(events)
            for half in [events.prefix(17), events.dropFirst(17)] {
                var changes = ChangeSet()
                changes.auditEvents = Array(half)
                try await test.store.apply(changes, scope: .service(actor: "t"))
            }
            let store = test.store
            // MUT and validate
            #expect(try await store.auditLeaves(in: 1...Int64(events.count)) == expected)
            #expect(try await store.auditLeaves(in: 1...7) + store.auditLeaves(in: 8...1_000) == expected)
            #expect(try await store.auditLeaves(in: 5...5) == [expected[4]])
            #expect(try await store.auditLeaves(in: Int64(events.count + 1)...Int64.max).isEmpty)
            #expect(try await store.auditLeaves(in: Int64.min...0).isEmpty)
            #expect(try await store.auditLeaves(in: Int64.min...Int64.max) == expected)
            #expect(try await Self.storedLeafHashes(test) == expected.map(\.leafHash.hex))
            // The rows read back as events make the same entries.
            let rows = try await store.auditEvents(in: 1...Int64(events.count))
            #expect(
                try rows.map { AuditLeaf(sequence: $0.sequence, leafHash: try $0.ledgerEntry.leafHash) } == expected)
            var hasher = LeafHasher()
            #expect(rows.map { $0.ledgerLeaf(using: &hasher) } == expected)
        }
    }

    @Test(
        "a row edited to hold bytes no event may hold gets the hash of those bytes, not an error",
        arguments: StoreKind.available)
    func editedRow(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let events = (0..<3).map { RowFixtures.event("e\($0)", organisation: .generate()) }
            var changes = ChangeSet()
            changes.auditEvents = events
            try await test.store.apply(changes, scope: .service(actor: "t"))
            let before = try Self.canonical(events)
            let edit =
                "UPDATE audit_events SET actor = 'Zoë 🚀', subject_id = '', request_id = 'has a space' WHERE sequence = 2"
            switch kind {
            case .sqlite:
                let queue = try DatabaseQueue(path: try #require(test.sqlitePath))
                try await queue.write { db in
                    try db.execute(sql: "DROP TRIGGER audit_events_no_update")
                    try db.execute(sql: edit)
                }
                try queue.close()
            case .postgres:
                // As an attacker holding the owner role would: lift the forced row-level security first.
                _ = try await PostgresTestDatabase.session(
                    try #require(test.postgres?.owner),
                    ["ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY", edit])
            }
            // MUT
            let leaves = try await test.store.auditLeaves(in: 1...3)
            // validate
            let edited = try #require(try await test.store.auditEvents(in: 2...2).first)
            #expect(edited.actor == "Zoë 🚀" && edited.subjectID == "")
            var hasher = LeafHasher()
            let fields = LedgerEntryFields(
                index: 1, unixTimeMilliseconds: edited.unixTimeMilliseconds, actor: "Zoë 🚀".utf8,
                role: edited.role.utf8, action: edited.action.utf8, subject: "".utf8,
                organisationID: events[1].organisationID?.description.utf8, purpose: edited.purpose.utf8,
                requestID: "has a space".utf8, outcome: edited.outcome.utf8)
            #expect(leaves.map(\.sequence) == [1, 2, 3])
            #expect(leaves[1].leafHash == hasher.leafHash(of: fields))
            #expect(leaves[1] != before[1])
            #expect([leaves[0], leaves[2]] == [before[0], before[2]])
        }
    }
}

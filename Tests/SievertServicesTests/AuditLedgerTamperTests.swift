import Crypto
import DoseCore
import Foundation
import GRDB
import Ledger
import SievertApp
import SievertPostgres
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// `AuditLedger.verify()` and `proof(ofEvent:)` on each store against a database edited directly, as anyone
/// holding the database file or its owner role could (SQLite's triggers dropped, PostgreSQL's forced row-level
/// security lifted first): every kind of tampering is detected.
@Suite("Audit ledger tampering, on every store")
struct AuditLedgerTamperTests {
    /// A statement per store kind: PostgreSQL's `timestamptz` takes an interval where SQLite adds milliseconds.
    struct Edit: Sendable {
        var sqlite: String
        var postgres: String
        init(_ both: String) { (sqlite, postgres) = (both, both) }
        init(sqlite: String, postgres: String) { (self.sqlite, self.postgres) = (sqlite, postgres) }
    }

    enum Expected: Sendable { case mismatch, truncated(UInt64) }

    static let events: Int64 = 40

    static let tampering: [(name: String, edits: [Edit], expected: Expected)] = [
        ("edit one field", [Edit("UPDATE audit_events SET actor = 'tok_someone-else' WHERE sequence = 7")], .mismatch),
        ("edit a field to non-ASCII", [Edit("UPDATE audit_events SET purpose = 'Zoë' WHERE sequence = 8")], .mismatch),
        ("drop a subject", [Edit("UPDATE audit_events SET subject_id = NULL WHERE sequence = 11")], .mismatch),
        (
            "edit a time",
            [
                Edit(
                    sqlite: "UPDATE audit_events SET occurred_at = occurred_at + 1 WHERE sequence = 12",
                    postgres:
                        "UPDATE audit_events SET occurred_at = occurred_at + interval '1 millisecond' WHERE sequence = 12"
                )
            ], .mismatch
        ),
        (
            "edit a time to the end of time",
            [
                Edit(
                    sqlite: "UPDATE audit_events SET occurred_at = 9223372036854775807 WHERE sequence = 13",
                    postgres: "UPDATE audit_events SET occurred_at = 'infinity' WHERE sequence = 13")
            ], .mismatch
        ),
        ("delete one event", [Edit("DELETE FROM audit_events WHERE sequence = 9")], .mismatch),
        (
            "swap two events",
            [
                Edit("UPDATE audit_events SET sequence = -1 WHERE sequence = 4"),
                Edit("UPDATE audit_events SET sequence = 4 WHERE sequence = 5"),
                Edit("UPDATE audit_events SET sequence = 5 WHERE sequence = -1"),
            ], .mismatch
        ),
        (
            "insert one event",
            [
                Edit("UPDATE audit_events SET sequence = -sequence - 1 WHERE sequence >= 10"),
                Edit("UPDATE audit_events SET sequence = -sequence WHERE sequence < 0"),
                Edit(
                    """
                    INSERT INTO audit_events SELECT 10, occurred_at, actor, role, 'person.read', subject_id,
                        organisation_id, purpose, request_id, outcome, leaf_hash FROM audit_events WHERE sequence = 9
                    """),
            ], .mismatch
        ),
        (
            "truncate by one", [Edit("DELETE FROM audit_events WHERE sequence = \(events)")],
            .truncated(UInt64(events - 1))
        ),
        ("truncate by half", [Edit("DELETE FROM audit_events WHERE sequence > 20")], .truncated(20)),
        ("empty the table", [Edit("DELETE FROM audit_events")], .truncated(0)),
    ]

    /// A runtime whose log holds exactly `events` events and a witnessed checkpoint of them.
    static func prepared(_ test: TestRuntime) async throws {
        var changes = ChangeSet()
        let organisation = OrganisationID.generate()
        var events: [AuditEventRow] = []
        for index in 0..<Self.events {
            let time = Date(timeIntervalSince1970: 1_790_000_000 + Double(index) / 7)
            let subject: String? = index % 4 == 0 ? nil : "per_\(index)"
            let scoped: OrganisationID? = index % 5 == 0 ? nil : organisation
            events.append(
                AuditEventRow(
                    occurredAt: time, actor: "tok_\(index % 3)", role: "org-lead", action: "person.read",
                    subjectID: subject, organisationID: scoped, purpose: "dose-review", requestID: "req-\(index)",
                    outcome: "ok"))
        }
        changes.auditEvents = events
        // The runtime may have logged its own start; the checkpoint must cover exactly the events above.
        #expect(try await test.sievert.store.lastAuditSequence() == 0)
        try await test.sievert.store.apply(changes, scope: .service(actor: "t"))
        let checkpoint = try await test.runtime.ledger.checkpoint()
        #expect(checkpoint.unverifiedCheckpoint.size == UInt64(Self.events))
        let verification = try await test.runtime.ledger.verify()
        #expect(verification.verdict == .ok && verification.storedEvents == Int(Self.events))
    }

    static func tamper(_ test: TestRuntime, _ edits: [Edit]) async throws {
        switch test.kind {
        case .sqlite:
            let queue = try DatabaseQueue(path: test.dataDirectory + "/sievert.sqlite")
            try await queue.write { db in
                try db.execute(sql: "DROP TRIGGER IF EXISTS audit_events_no_update")
                try db.execute(sql: "DROP TRIGGER IF EXISTS audit_events_no_delete")
                for edit in edits { try db.execute(sql: edit.sqlite) }
            }
            try queue.close()
        case .postgres:
            let owner = try PostgresURL(try #require(test.postgresOwner))
            _ = try await PostgresTestDatabase.session(
                owner, ["ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY"] + edits.map(\.postgres))
        }
    }

    static var cases: [(StoreKind, Int)] {
        StoreKind.available.flatMap { kind in tampering.indices.map { (kind, $0) } }
    }

    @Test("every kind of tampering with the stored events is detected", arguments: cases)
    func tampered(kind: StoreKind, index: Int) async throws {
        let (name, edits, expected) = Self.tampering[index]
        try await withTestRuntime(kind) { test in
            try await Self.prepared(test)
            try await Self.tamper(test, edits)
            let verdict = try await test.runtime.ledger.verify().verdict
            switch expected {
            case .mismatch:
                #expect(verdict == .rootMismatch, "\(name)")
            case .truncated(let stored):
                #expect(verdict == .truncated(storedLeaves: stored, checkpointSize: UInt64(Self.events)), "\(name)")
            }
        }
    }

    @Test(
        "an edited event's inclusion proof stops verifying, an untouched one's still does",
        arguments: StoreKind.available)
    func proofs(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            try await Self.prepared(test)
            #expect(try await test.runtime.ledger.proof(ofEvent: 17)?.verified == true)
            try await Self.tamper(test, [Edit("UPDATE audit_events SET outcome = 'denied' WHERE sequence = 17")])
            let proof = try #require(try await test.runtime.ledger.proof(ofEvent: 17))
            #expect(proof.verified == false)
            #expect(proof.event.outcome == "denied")
            #expect(try await test.runtime.ledger.proof(ofEvent: 41) == nil)
            // A time no event may have (SQLite's largest integer, PostgreSQL's infinity) is reported, not trapped on.
            try await Self.tamper(test, [Self.tampering[4].edits[0]])
            #expect(try await test.runtime.ledger.proof(ofEvent: 13)?.verified == false)
            #expect(try await test.runtime.ledger.verify().verdict == .rootMismatch)
        }
    }

    @Test("a log edited and re-signed under another key is detected", arguments: StoreKind.available)
    func resigned(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            try await Self.prepared(test)
            try await Self.tamper(test, [Edit("UPDATE audit_events SET actor = 'tok_attacker' WHERE sequence = 3")])
            let witness = test.runtime.settings.effectiveWitnessDirectory + "/latest.note"
            let genuine = try SignedCheckpoint(parsing: try String(contentsOfFile: witness, encoding: .utf8))
            let forger = try CheckpointSigner(keyName: "sievert-audit", privateKey: Curve25519.Signing.PrivateKey())
            try forger.sign(genuine.unverifiedCheckpoint).noteText.write(
                toFile: witness, atomically: true, encoding: .utf8)
            #expect(try await test.runtime.ledger.verify().verdict == .badSignature)
        }
    }

    @Test("a log of several pages is read side by side and folded in order", arguments: StoreKind.available)
    func severalPages(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            // setup: 2½ pages of 10,000, appended in change sets of 5,000
            let total = 25_001
            for start in stride(from: 0, to: total, by: 5_000) {
                var changes = ChangeSet()
                changes.auditEvents = (start..<min(start + 5_000, total)).map {
                    RowFixtures.event("e.\($0)", organisation: nil)
                }
                try await test.sievert.store.apply(changes, scope: .service(actor: "t"))
            }
            let ledger = test.runtime.ledger
            let checkpoint = try await ledger.checkpoint().unverifiedCheckpoint
            // MUT and validate: the same root as the events' own tree, built in order
            let rows = try await test.sievert.store.auditEvents(after: 0, limit: total)
            let tree = MerkleTree(leafHashes: try rows.map { try $0.ledgerEntry.leafHash })
            #expect(checkpoint.size == UInt64(total) && checkpoint.root == tree.root)
            let verification = try await ledger.verify()
            #expect(verification.verdict == .ok && verification.storedEvents == total)
            #expect(try await ledger.proof(ofEvent: 24_999)?.verified == true)
            try await Self.tamper(test, [Edit("DELETE FROM audit_events WHERE sequence = 15000")])
            #expect(try await ledger.verify().verdict == .rootMismatch)
            #expect(try await ledger.verify().storedEvents == total - 1)
        }
    }
}

import Crypto
import Foundation
import GRDB
import Ledger
import SievertTestSupport
import Testing

/// `sievert audit verify` against a database an attacker has edited directly (triggers dropped first, as
/// anyone holding the file could): every kind of tampering is detected.
@Suite("sievert audit checkpoint / verify")
struct AuditLedgerCLITests {
    /// A data directory with a few dozen audit events and a witnessed checkpoint of them.
    static func prepared(_ cli: CLIHarness) async throws {
        #expect(try await cli.run(["org", "add", "AUD", "--name", "Audit Trust", "--kind", "nhs-trust"]).status == 0)
        let (bytes, _) = try CLIHarness.peopleFile(code: "AUD", count: 30)
        #expect(try await cli.run(["import", "people", try cli.file("p.csv", bytes)]).status == 0)
        let checkpoint = try await cli.run(["audit", "checkpoint"])
        #expect(checkpoint.status == 0, "\(checkpoint.errorText)")
        let verified = try await cli.run(["audit", "verify"])
        #expect(verified.status == 0)
        #expect(verified.outputText.contains("ok: 32 witnessed events verified"), "\(verified.outputText)")
    }

    static func tamper(_ cli: CLIHarness, _ statements: [String]) throws {
        let queue = try DatabaseQueue(path: cli.dataDirectory + "/sievert.sqlite")
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete")
            for statement in statements { try db.execute(sql: statement) }
        }
        try queue.close()
    }

    static let tampering: [(name: String, sql: [String])] = [
        ("edit one field", ["UPDATE audit_events SET actor = 'cli:someone-else' WHERE sequence = 7"]),
        ("edit a time", ["UPDATE audit_events SET occurred_at = occurred_at + 1 WHERE sequence = 12"]),
        ("delete one event", ["DELETE FROM audit_events WHERE sequence = 9"]),
        (
            "swap two events",
            [
                "UPDATE audit_events SET sequence = -1 WHERE sequence = 4",
                "UPDATE audit_events SET sequence = 4 WHERE sequence = 5",
                "UPDATE audit_events SET sequence = 5 WHERE sequence = -1",
            ]
        ),
        (
            "insert one event",
            [
                "UPDATE audit_events SET sequence = -sequence - 1 WHERE sequence >= 10",
                "UPDATE audit_events SET sequence = -sequence WHERE sequence < 0",
                """
                INSERT INTO audit_events SELECT 10, occurred_at, actor, role, 'person.read', subject_id, organisation_id,
                    purpose, request_id, outcome, leaf_hash FROM audit_events WHERE sequence = 9
                """,
            ]
        ),
        ("truncate by one", ["DELETE FROM audit_events WHERE sequence = (SELECT max(sequence) FROM audit_events)"]),
        ("truncate by half", ["DELETE FROM audit_events WHERE sequence > 16"]),
        ("empty the table", ["DELETE FROM audit_events"]),
    ]

    @Test("every kind of tampering with the stored events is detected", arguments: 0..<8)
    func tampered(case index: Int) async throws {
        let (name, statements) = Self.tampering[index]
        try await withCLI { cli in
            try await Self.prepared(cli)
            try Self.tamper(cli, statements)
            let verified = try await cli.run(["audit", "verify"])
            #expect(verified.status == 3, "\(name): \(verified.outputText) \(verified.errorText)")
            #expect(verified.errorText.contains("TAMPERED"), "\(name)")
        }
    }

    @Test("a log rebuilt and re-signed under another key is detected")
    func resigned() async throws {
        try await withCLI { cli in
            try await Self.prepared(cli)
            // The attacker edits an event and writes a fresh checkpoint of the edited log under their own key.
            try Self.tamper(cli, ["UPDATE audit_events SET actor = 'cli:attacker' WHERE sequence = 3"])
            let witness = cli.dataDirectory + "-witness/latest.note"
            let genuine = try SignedCheckpoint(parsing: try String(contentsOfFile: witness, encoding: .utf8))
            let forger = try CheckpointSigner(keyName: "sievert-audit", privateKey: Curve25519.Signing.PrivateKey())
            let forged = try forger.sign(genuine.unverifiedCheckpoint)
            try forged.noteText.write(toFile: witness, atomically: true, encoding: .utf8)
            let verified = try await cli.run(["audit", "verify"])
            #expect(verified.status == 3)
            #expect(verified.errorText.contains("not signed by this ledger's key"))
        }
    }

    @Test("an event's inclusion proof verifies, and stops verifying once the event is edited")
    func proof() async throws {
        try await withCLI { cli in
            try await Self.prepared(cli)
            let good = try await cli.run(["audit", "proof", "17"])
            #expect(good.status == 0, "\(good.errorText)")
            #expect(good.outputText.contains("leaf index 16 of 32"))
            #expect(good.outputText.contains("verified"))
            // A proof has at most ⌈log₂ 32⌉ = 5 hashes.
            #expect(good.outputText.contains("5 hashes"))
            #expect(try await cli.run(["audit", "proof", "99"]).status == 1)
            try Self.tamper(cli, ["UPDATE audit_events SET outcome = 'denied' WHERE sequence = 17"])
            let bad = try await cli.run(["audit", "proof", "17"])
            #expect(bad.status == 3)
            #expect(bad.errorText.contains("TAMPERED"))
        }
    }

    @Test("new events after the checkpoint are not tampering, and the next checkpoint covers them")
    func growth() async throws {
        try await withCLI { cli in
            try await Self.prepared(cli)
            #expect(try await cli.run(["org", "add", "MORE", "--name", "More", "--kind", "dental"]).status == 0)
            #expect(
                try await cli.run(["audit", "verify"]).outputText.contains(
                    "ok: 32 witnessed events verified (33 stored)"))
            #expect(try await cli.run(["audit", "checkpoint"]).status == 0)
            #expect(try await cli.run(["audit", "verify"]).outputText.contains("ok: 33 witnessed events verified"))
        }
    }
}

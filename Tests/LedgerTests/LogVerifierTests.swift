import Crypto
import Ledger
import Testing

@Suite("Stored-log verification")
struct LogVerifierTests {
    struct Log {
        let entries: [LedgerEntry]
        let signer: CheckpointSigner
        let checkpoint: SignedCheckpoint
    }

    static func makeLog(count: Int = 1_000) throws -> Log {
        let entries = try Fixture.entries(count)
        let signer = try Fixture.signer(seed: 42)
        let tree = MerkleTree(leafHashes: entries.map(\.leafHash))
        let checkpoint = try signer.sign(
            Checkpoint(
                origin: signer.keyName, size: tree.size, root: tree.root, unixTimeMilliseconds: 1_767_225_600_000)
        )
        return Log(entries: entries, signer: signer, checkpoint: checkpoint)
    }

    static func edited(_ entry: LedgerEntry, field: Int) throws -> LedgerEntry {
        let e = entry.event
        let event = try AuditEvent(
            unixTimeMilliseconds: e.unixTimeMilliseconds + (field == 0 ? 1 : 0),
            actor: field == 1 ? "acct_x" : e.actor,
            role: field == 2 ? "auditor" : e.role,
            action: field == 3 ? "person.update" : e.action,
            subjectIDs: field == 4 ? Array(e.subjectIDs.dropLast()) : e.subjectIDs,
            organisationID: field == 5 ? "org_other" : e.organisationID,
            purpose: field == 6 ? "curiosity" : e.purpose,
            requestID: field == 7 ? "req-forged" : e.requestID,
            outcome: field == 8 ? "denied" : e.outcome
        )
        return LedgerEntry(index: entry.index, event: event)
    }

    @Test("An untouched log verifies, and later unwitnessed entries do not disturb it")
    func untouched() throws {
        let log = try Self.makeLog()
        let verifier = log.signer.verifier
        #expect(LogVerifier.verify(entries: log.entries, checkpoint: log.checkpoint, verifier: verifier) == .ok)
        let hashes = log.entries.map(\.leafHash)
        #expect(try LogVerifier.verify(leafHashes: hashes, checkpoint: log.checkpoint, verifier: verifier) == .ok)
        let grown = log.entries + [LedgerEntry(index: 1_000, event: try Fixture.event(1_000))]
        #expect(LogVerifier.verify(entries: grown, checkpoint: log.checkpoint, verifier: verifier) == .ok)
    }

    @Test("Every tamper of a 1,000-event log is detected with the right verdict")
    func tampers() throws {
        let log = try Self.makeLog()
        let original = log.entries
        let verifier = log.signer.verifier
        var cases: [(name: String, entries: [LedgerEntry], checkpoint: SignedCheckpoint, expected: LogVerdict)] = []

        for position in [0, 1, 499, 998, 999] {
            for field in 0...8 {
                var entries = original
                entries[position] = try Self.edited(original[position], field: field)
                cases.append(("edit field \(field) of #\(position)", entries, log.checkpoint, .rootMismatch))
            }
        }
        for position in [0, 1, 500, 998] {
            var entries = original
            entries.remove(at: position)
            cases.append(("delete #\(position)", entries, log.checkpoint, .rootMismatch))
        }
        for (a, b) in [(0, 1), (10, 500), (998, 999), (0, 999)] {
            var entries = original
            entries.swapAt(a, b)
            cases.append(("swap #\(a) and #\(b)", entries, log.checkpoint, .rootMismatch))
        }
        for position in [0, 500, 999] {
            var entries = original
            // The forger even gives the inserted entry the index of the place it takes.
            entries.insert(LedgerEntry(index: UInt64(position), event: try Fixture.event(5_000)), at: position)
            cases.append(("insert at #\(position)", entries, log.checkpoint, .rootMismatch))
        }
        cases.append(
            (
                "truncate by one", Array(original.dropLast()), log.checkpoint,
                .truncated(storedLeaves: 999, checkpointSize: 1_000)
            ))
        cases.append(
            (
                "truncate by half", Array(original.prefix(500)), log.checkpoint,
                .truncated(storedLeaves: 500, checkpointSize: 1_000)
            ))
        cases.append(("truncate to nothing", [], log.checkpoint, .truncated(storedLeaves: 0, checkpointSize: 1_000)))

        // Rebuilt: one event changed, every leaf recomputed and a fresh checkpoint signed under a new key.
        var rebuilt = original
        rebuilt[123] = try Self.edited(original[123], field: 8)
        let rebuiltTree = MerkleTree(leafHashes: rebuilt.map(\.leafHash))
        let rebuiltCheckpoint = try Checkpoint(
            origin: log.signer.keyName,
            size: rebuiltTree.size,
            root: rebuiltTree.root,
            unixTimeMilliseconds: 1_767_225_660_000
        )
        let newKey = try Fixture.signer(seed: 4_242)
        cases.append(
            ("rebuild and re-sign under a new key", rebuilt, try newKey.sign(rebuiltCheckpoint), .badSignature))
        cases.append(
            (
                "re-sign the original under a new key", original, try newKey.sign(log.checkpoint.unverifiedCheckpoint),
                .badSignature
            ))

        var detected = 0
        for tamper in cases {
            let verdict = LogVerifier.verify(entries: tamper.entries, checkpoint: tamper.checkpoint, verifier: verifier)
            #expect(verdict == tamper.expected, "\(tamper.name)")
            detected += verdict == tamper.expected && !verdict.isOK ? 1 : 0

            // From leaf hashes alone every tamper is still caught; a shortened log reads as truncated.
            let hashVerdict = try LogVerifier.verify(
                leafHashes: tamper.entries.map(\.leafHash),
                checkpoint: tamper.checkpoint,
                verifier: verifier
            )
            #expect(!hashVerdict.isOK, "\(tamper.name) from hashes")
            if tamper.entries.count < 1_000 && tamper.expected != .badSignature {
                #expect(hashVerdict == .truncated(storedLeaves: UInt64(tamper.entries.count), checkpointSize: 1_000))
            } else {
                #expect(hashVerdict == tamper.expected, "\(tamper.name) from hashes")
            }
        }
        print("stored-log tampers: \(detected)/\(cases.count) detected with the right verdict")
        #expect(detected == cases.count)
    }

    @Test("A deletion disguised by renumbering the later entries is still not OK")
    func renumberedDeletion() throws {
        let log = try Self.makeLog()
        var entries = log.entries
        entries.remove(at: 300)
        let renumbered = entries.enumerated().map { LedgerEntry(index: UInt64($0.offset), event: $0.element.event) }
        let verdict = LogVerifier.verify(entries: renumbered, checkpoint: log.checkpoint, verifier: log.signer.verifier)
        #expect(verdict == .truncated(storedLeaves: 999, checkpointSize: 1_000))
    }

    @Test("Checkpoints are consistent only when a valid proof links them under the trusted key")
    func checkpointConsistency() throws {
        let log = try Self.makeLog()
        let signer = log.signer
        let hashes = log.entries.map(\.leafHash)
        let previous = try signer.sign(
            Checkpoint(origin: signer.keyName, size: 600, root: try hashes.root(size: 600), unixTimeMilliseconds: 1)
        )
        let proof = try hashes.consistencyProof(from: 600, to: 1_000)
        let verdict = { (old: SignedCheckpoint, new: SignedCheckpoint, proof: ConsistencyProof) in
            LogVerifier.verifyConsistency(previous: old, latest: new, proof: proof, verifier: signer.verifier)
        }
        #expect(verdict(previous, log.checkpoint, proof) == .ok)

        // The log rewritten below the earlier size and re-signed with the real (stolen) key.
        var rewritten = hashes
        rewritten[10] = MerkleHash.leafHash(of: [0])
        let forged = try signer.sign(
            Checkpoint(
                origin: signer.keyName, size: 1_000, root: try rewritten.root(size: 1_000), unixTimeMilliseconds: 2)
        )
        let forgedProof = try rewritten.consistencyProof(from: 600, to: 1_000)
        let inconsistent = LogVerdict.checkpointNotConsistent(previousSize: 600, latestSize: 1_000)
        #expect(verdict(previous, forged, forgedProof) == inconsistent)
        #expect(verdict(previous, forged, proof) == inconsistent)

        // Rolled back, wrong proof sizes, another origin, another key.
        #expect(
            verdict(log.checkpoint, previous, proof) == .checkpointNotConsistent(previousSize: 1_000, latestSize: 600))
        #expect(verdict(previous, log.checkpoint, try hashes.consistencyProof(from: 599, to: 1_000)) == inconsistent)
        let otherOrigin = try Fixture.signer(seed: 42, name: "sievert.example/other")
        let renamed = try CheckpointSigner(keyName: signer.keyName, privateKey: .init())
        #expect(verdict(previous, try renamed.sign(log.checkpoint.unverifiedCheckpoint), proof) == .badSignature)
        let elsewhere = try otherOrigin.sign(
            Checkpoint(
                origin: otherOrigin.keyName, size: 1_000, root: try hashes.root(size: 1_000), unixTimeMilliseconds: 3)
        )
        let elsewhereVerdict = LogVerifier.verifyConsistency(
            previous: try otherOrigin.sign(previous.unverifiedCheckpoint),
            latest: elsewhere,
            proof: proof,
            verifier: otherOrigin.verifier
        )
        #expect(elsewhereVerdict == inconsistent)
    }
}

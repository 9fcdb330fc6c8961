import Foundation
import Ledger
import SievertStorage

/// Where signed checkpoints are kept, outside the data directory (a witness the database cannot rewrite).
public protocol CheckpointWitness: Sendable {
    /// The most recently recorded checkpoint note, if any.
    func latest() throws -> String?
    /// Records a checkpoint note for a tree of `size` leaves.
    func record(_ note: String, size: UInt64) throws
}

/// The audit log as a tamper-evident ledger (DESIGN.md §Security 8): every stored audit event is an RFC 9162
/// leaf; checkpoints of the tree are signed with a key held outside the database and kept by a witness;
/// verification recomputes every leaf from the stored rows and compares with the latest witnessed checkpoint.
public struct AuditLedger: Sendable {
    /// The origin line of every checkpoint this service signs.
    public static let origin = "sievert.audit.v1"

    let store: any RecordStore
    let signer: CheckpointSigner
    let witness: any CheckpointWitness
    let clock: @Sendable () -> Date

    public init(
        store: any RecordStore, signer: CheckpointSigner, witness: any CheckpointWitness,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.signer = signer
        self.witness = witness
        self.clock = clock
    }

    /// The public verifier of this ledger's checkpoints, for auditors.
    public var verifier: CheckpointVerifier { signer.verifier }

    /// Every stored event as its ledger entry, in storage order (recomputed from the row's fields).
    func entries() async throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        var after: Int64 = 0
        while true {
            let page = try await store.auditEvents(after: after, limit: 10_000)
            guard let last = page.last else { break }
            entries += try page.map { try $0.ledgerEntry }
            after = last.sequence
        }
        return entries
    }

    /// Signs a checkpoint of the whole log as stored now and hands it to the witness.
    @discardableResult
    public func checkpoint() async throws -> SignedCheckpoint {
        let tree = MerkleTree(leafHashes: try await entries().map(\.leafHash))
        let checkpoint = try Checkpoint(
            origin: Self.origin, size: tree.size, root: tree.root,
            unixTimeMilliseconds: Int64((clock().timeIntervalSince1970 * 1000).rounded()))
        let signed = try signer.sign(checkpoint)
        try witness.record(signed.noteText, size: tree.size)
        return signed
    }

    /// An event's proof of inclusion in the latest witnessed checkpoint.
    public struct EventProof: Sendable {
        public var event: AuditEventRow
        public var proof: InclusionProof
        /// The witnessed checkpoint note the proof leads to.
        public var checkpointNote: String
        /// Whether the proof, the event as stored now and the checkpoint's signature all check out.
        public var verified: Bool

        /// One line saying what the event records (ids and codes only).
        public var summary: String {
            "\(event.action) by \(event.actor) (\(event.role)) at \(event.occurredAt), subject \(event.subjectID ?? "-")"
        }
    }

    /// The latest witnessed checkpoint note and the checkpoint it signs, checked against this ledger's key.
    public func latestWitnessed() throws -> (note: String, checkpoint: Checkpoint)? {
        guard let note = try witness.latest() else { return nil }
        return (note, try verifier.verify(try SignedCheckpoint(parsing: note)))
    }

    /// The leaf hashes, recomputed from the stored rows, of the first `size` events (fewer if fewer are stored).
    func leafHashes(upTo size: UInt64) async throws -> [MerkleHash] {
        var hashes: [MerkleHash] = []
        var after: Int64 = 0
        while UInt64(hashes.count) < size {
            let page = try await store.auditEvents(after: after, limit: 10_000)
            guard let last = page.last else { break }
            hashes += try page.prefix(Int(size) - hashes.count).map { try $0.ledgerEntry.leafHash }
            after = last.sequence
        }
        return hashes
    }

    /// The inclusion proof (RFC 9162 §2.1.3) of the event at `sequence` in the latest witnessed checkpoint, or
    /// nil when no checkpoint covers it yet.
    public func proof(ofEvent sequence: Int64) async throws -> EventProof? {
        guard let (note, checkpoint) = try latestWitnessed(), sequence >= 1, UInt64(sequence) <= checkpoint.size,
            let event = try await store.auditEvents(after: sequence - 1, limit: 1).first, event.sequence == sequence
        else { return nil }
        let hashes = try await leafHashes(upTo: checkpoint.size)
        guard UInt64(hashes.count) == checkpoint.size else { return nil }
        let proof = try hashes.inclusionProof(leafIndex: UInt64(sequence - 1), treeSize: checkpoint.size)
        let verified = proof.verify(leafHash: try event.ledgerEntry.leafHash, root: checkpoint.root)
        return EventProof(event: event, proof: proof, checkpointNote: note, verified: verified)
    }

    /// What verification found.
    public struct Verification: Sendable {
        public var verdict: LogVerdict
        /// Events stored now.
        public var storedEvents: Int
        /// Events covered by the latest witnessed checkpoint (0 when there is none).
        public var witnessedEvents: UInt64
    }

    /// Checks the stored log against the latest witnessed checkpoint. Detects edited, deleted, reordered and
    /// inserted events, truncation, and a log rebuilt and re-signed under another key.
    public func verify() async throws -> Verification {
        let entries = try await entries()
        // Before the first checkpoint there is nothing witnessed to compare with: say so, judge nothing.
        guard let note = try witness.latest() else {
            return Verification(verdict: .ok, storedEvents: entries.count, witnessedEvents: 0)
        }
        let checkpoint: SignedCheckpoint
        do {
            checkpoint = try SignedCheckpoint(parsing: note)
        } catch {
            return Verification(verdict: .badSignature, storedEvents: entries.count, witnessedEvents: 0)
        }
        let verdict = LogVerifier.verify(entries: entries, checkpoint: checkpoint, verifier: verifier)
        return Verification(
            verdict: verdict, storedEvents: entries.count, witnessedEvents: checkpoint.unverifiedCheckpoint.size)
    }
}

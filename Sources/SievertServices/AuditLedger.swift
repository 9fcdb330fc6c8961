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

    /// Events read per store call when walking the whole log.
    static let pageSize: Int64 = 10_000

    /// Hands the leaves of every event stored with sequence ≤ `last` to `body`, in storage order, page by page,
    /// until `body` returns false. Pages are disjoint sequence ranges read side by side, one reader per core and
    /// one more, so the next pages are read and hashed while `body` folds the current one (reading the rows and
    /// hashing them are the cost of verifying a large log); each store hashes its rows' fields where they lie,
    /// without rebuilding the events.
    func forEachLeaf(through last: Int64, _ body: ([AuditLeaf]) throws -> Bool) async throws {
        try await Self.forEachLeaf(of: store, through: last, body)
    }

    /// ``forEachLeaf(through:_:)`` over any store (a restored copy has no signer or witness of its own yet).
    static func forEachLeaf(
        of store: any RecordStore, through last: Int64, _ body: ([AuditLeaf]) throws -> Bool
    ) async throws {
        guard last >= 1 else { return }
        let window = max(1, ProcessInfo.processInfo.activeProcessorCount) + 1
        // The page after `range` (the first when nil); nil once the page ending at `last` is made.
        func page(after range: ClosedRange<Int64>?) -> ClosedRange<Int64>? {
            let lower = range.map(\.upperBound) ?? 0
            guard lower < last else { return nil }
            return (lower + 1)...(last - lower <= Self.pageSize ? last : lower + Self.pageSize)
        }
        try await withThrowingTaskGroup(of: (Int64, [AuditLeaf]).self) { group in
            var scheduled: ClosedRange<Int64>?
            func schedule() {
                guard let range = page(after: scheduled) else { return }
                group.addTask { (range.lowerBound, try await store.auditLeaves(in: range)) }
                scheduled = range
            }
            for _ in 0..<window { schedule() }
            // Pages finish in any order; each is handed on once every page before it has been.
            var finished: [Int64: [AuditLeaf]] = [:]
            var handed = page(after: nil)
            while let (lower, leaves) = try await group.next() {
                finished[lower] = leaves
                while let range = handed, let leaves = finished.removeValue(forKey: range.lowerBound) {
                    guard try body(leaves) else {
                        group.cancelAll()
                        return
                    }
                    handed = page(after: range)
                    schedule()
                }
            }
        }
    }

    /// Signs a checkpoint of the whole log as stored now and hands it to the witness.
    @discardableResult
    public func checkpoint() async throws -> SignedCheckpoint {
        var tree = MerkleTree()
        try await forEachLeaf(through: try await store.lastAuditSequence()) { page in
            for leaf in page { tree.append(leafHash: leaf.leafHash) }
            return true
        }
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
        // Never past the stored log: a truncated log need not be walked up to the checkpoint's size.
        let last = min(Int64(clamping: size), try await store.lastAuditSequence())
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(Int(clamping: max(last, 0)))
        try await forEachLeaf(through: last) { page in
            hashes += page.prefix(Int(clamping: size) - hashes.count).map(\.leafHash)
            return UInt64(hashes.count) < size
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
        var hasher = LeafHasher()
        let verified = proof.verify(leafHash: event.ledgerLeaf(using: &hasher).leafHash, root: checkpoint.root)
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
        // Before the first checkpoint there is nothing witnessed to compare with: count, judge nothing.
        guard let note = try witness.latest() else {
            return Verification(verdict: .ok, storedEvents: try await countEvents(), witnessedEvents: 0)
        }
        guard let checkpoint = try? SignedCheckpoint(parsing: note) else {
            return Verification(verdict: .badSignature, storedEvents: try await countEvents(), witnessedEvents: 0)
        }
        guard var fold = LogFold(checkpoint: checkpoint, verifier: verifier) else {
            return Verification(
                verdict: .badSignature, storedEvents: try await countEvents(),
                witnessedEvents: checkpoint.unverifiedCheckpoint.size)
        }
        var storedEvents = 0
        // Events past the checkpoint are counted but not judged: the next checkpoint covers them.
        try await forEachLeaf(through: try await store.lastAuditSequence()) { page in
            storedEvents += page.count
            for leaf in page where !fold.isComplete {
                fold.add(index: leaf.index, leafHash: leaf.leafHash)
            }
            return true
        }
        return Verification(verdict: fold.verdict, storedEvents: storedEvents, witnessedEvents: fold.checkpoint.size)
    }

    private func countEvents() async throws -> Int {
        var count = 0
        try await forEachLeaf(through: try await store.lastAuditSequence()) { page in
            count += page.count
            return true
        }
        return count
    }
}

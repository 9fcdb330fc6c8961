import DoseCore
import Foundation
import Ledger
import SievertStorage

/// One ledger event as the auditor and the wearer see it: ids and codes only, never a personal value.
public struct LedgerEventView: Codable, Sendable, Hashable {
    public var sequence: Int64
    public var occurredAt: Date
    public var actor: String
    public var role: String
    public var action: String
    public var subject: String?
    public var organisation: OrganisationID?
    public var purpose: String
    public var requestID: String
    public var outcome: String
    /// The RFC 9162 inclusion proof in the latest witnessed checkpoint, when one covers the event.
    public var proof: ProofView?

    init(_ row: AuditEventRow, proof: ProofView? = nil) {
        sequence = row.sequence
        occurredAt = row.occurredAt
        actor = row.actor
        role = row.role
        action = row.action
        subject = row.subjectID
        organisation = row.organisationID
        purpose = row.purpose
        requestID = row.requestID
        outcome = row.outcome
        self.proof = proof
    }
}

/// An inclusion proof with what is needed to check it independently.
public struct ProofView: Codable, Sendable, Hashable {
    /// Zero-based leaf index (the event's sequence − 1).
    public var leafIndex: UInt64
    public var treeSize: UInt64
    /// The leaf hash recomputed from the event as stored (RFC 9162 `HASH(0x00 ‖ entry)`), hex.
    public var leafHash: String
    /// Audit path, hex, leaf to root.
    public var hashes: [String]
    /// The signed checkpoint note the root comes from.
    public var checkpoint: String
    /// Whether the proof leads from the leaf to the checkpoint's root and the checkpoint's signature verifies.
    public var verified: Bool
}

/// The latest witnessed checkpoint and what verification of the stored log against it found.
public struct LedgerStatus: Codable, Sendable {
    public var storedEvents: Int
    public var witnessedEvents: UInt64
    public var checkpoint: String?
    public var verdict: String
    public var intact: Bool
}

/// A consistency proof between an earlier tree size and the latest witnessed checkpoint.
public struct ConsistencyView: Codable, Sendable {
    public var oldSize: UInt64
    public var newSize: UInt64
    public var oldRoot: String
    public var newRoot: String
    public var hashes: [String]
    public var checkpoint: String
    public var verified: Bool
}

/// The ledger as auditors, the service operator and wearers read it (DESIGN.md §Security 8).
public struct AuditQueries: Sendable {
    let store: any RecordStore
    let ledger: AuditLedger
    let clock: @Sendable () -> Date

    public init(store: any RecordStore, ledger: AuditLedger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.ledger = ledger
        self.clock = clock
    }

    /// A page of events in log order.
    public func events(after: Int64, limit: Int, by caller: Caller) async throws -> [LedgerEventView] {
        try requireAuditor(caller)
        return try await store.auditEvents(after: max(after, 0), limit: min(max(limit, 1), 1000)).map {
            LedgerEventView($0)
        }
    }

    /// One event with its inclusion proof.
    public func event(_ sequence: Int64, by caller: Caller) async throws -> LedgerEventView {
        try requireAuditor(caller)
        guard let row = try await store.auditEvents(after: sequence - 1, limit: 1).first, row.sequence == sequence
        else { throw ServiceError.notFound("event \(sequence)") }
        return LedgerEventView(row, proof: try await proofs(for: [row])[row.sequence])
    }

    /// Verifies the whole stored log against the latest witnessed checkpoint.
    public func status(by caller: Caller) async throws -> LedgerStatus {
        try requireAuditor(caller)
        let verification = try await ledger.verify()
        return LedgerStatus(
            storedEvents: verification.storedEvents, witnessedEvents: verification.witnessedEvents,
            checkpoint: try ledger.witness.latest(), verdict: "\(verification.verdict)",
            intact: verification.verdict == .ok)
    }

    /// Proves that the tree of `oldSize` events is a prefix of the latest witnessed checkpoint's tree.
    public func consistency(from oldSize: UInt64, by caller: Caller) async throws -> ConsistencyView {
        try requireAuditor(caller)
        guard let (note, checkpoint) = try ledger.latestWitnessed() else { throw ServiceError.notFound("checkpoint") }
        guard oldSize >= 1, oldSize <= checkpoint.size else {
            throw ServiceError.invalid(field: "from", "must be from 1 to \(checkpoint.size)")
        }
        let hashes = try await ledger.leafHashes(upTo: checkpoint.size)
        let proof = try hashes.consistencyProof(from: oldSize, to: checkpoint.size)
        let oldRoot = try hashes.root(size: oldSize)
        return ConsistencyView(
            oldSize: oldSize, newSize: checkpoint.size, oldRoot: oldRoot.hex, newRoot: checkpoint.root.hex,
            hashes: proof.hashes.map(\.hex), checkpoint: note,
            verified: proof.verify(oldRoot: oldRoot, newRoot: checkpoint.root))
    }

    /// Security alerts (canary reads, volume and export rules), newest first, for the service operator.
    public func alerts(limit: Int, by caller: Caller) async throws -> [LedgerEventView] {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator sees security alerts")
        }
        return try await store.auditEvents(actionPrefix: "alert.", limit: min(max(limit, 1), 1000)).map {
            LedgerEventView($0)
        }
    }

    /// Who accessed the wearer's own record: every event naming their person or one of their dose records,
    /// newest first, each with its inclusion proof. Looking is itself recorded.
    public func accessHistory(by caller: Caller, limit: Int = 500) async throws -> [LedgerEventView] {
        guard caller.role == .wearer, let person = caller.person,
            let record = try await store.person(id: person, scope: caller.scope)
        else { throw ServiceError.forbidden("only a wearer has an access history") }
        let subjects = [person.description] + record.employments.map(\.id.description)
        let rows = try await store.auditEvents(subjects: subjects, limit: min(max(limit, 1), 1000))
        let proofs = try await proofs(for: rows)
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "access-history.read", subject: person.description, organisation: record.person.organisationID,
                purpose: "subject-access", at: clock())
        ]
        try await store.apply(changes, scope: caller.scope)
        return rows.map { LedgerEventView($0, proof: proofs[$0.sequence]) }
    }

    // MARK: proofs

    /// Inclusion proofs, in the latest witnessed checkpoint, of those `rows` it covers.
    private func proofs(for rows: [AuditEventRow]) async throws -> [Int64: ProofView] {
        guard !rows.isEmpty, let (note, checkpoint) = try ledger.latestWitnessed() else { return [:] }
        let covered = rows.filter { $0.sequence >= 1 && UInt64($0.sequence) <= checkpoint.size }
        guard !covered.isEmpty else { return [:] }
        let hashes = try await ledger.leafHashes(upTo: checkpoint.size)
        guard UInt64(hashes.count) == checkpoint.size else { return [:] }
        // A proof from the bare leaves folds O(n) of them; a wearer's history holds up to 500 events, so over a
        // log of 20,000 events that took over 10 s. The tree keeps every complete subtree: O(log n) per proof.
        let tree = InMemoryMerkleTree(leafHashes: hashes)
        var result: [Int64: ProofView] = [:]
        for row in covered {
            let leaf = try row.ledgerEntry.leafHash
            let proof = try tree.inclusionProof(leafIndex: UInt64(row.sequence - 1), treeSize: checkpoint.size)
            result[row.sequence] = ProofView(
                leafIndex: proof.leafIndex, treeSize: proof.treeSize, leafHash: leaf.hex,
                hashes: proof.hashes.map(\.hex), checkpoint: note,
                verified: proof.verify(leafHash: leaf, root: checkpoint.root))
        }
        return result
    }

    private func requireAuditor(_ caller: Caller) throws {
        guard caller.role == .auditor || (caller.role == .rpsAdmin && caller.organisations == .all) else {
            throw ServiceError.forbidden("only auditors read the ledger")
        }
    }
}

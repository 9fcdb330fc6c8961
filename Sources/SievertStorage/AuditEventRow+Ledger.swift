import DoseCore
import Foundation
import Ledger

extension AuditEventRow {
    /// The ledger entry this event is at `sequence` (1-based) of the audit log: leaf `sequence - 1` of the
    /// RFC 9162 tree. Stores save its leaf hash with the row; `sievert audit verify` recomputes it from the
    /// row's fields, so an edited row no longer matches the witnessed checkpoints.
    public func ledgerEntry(sequence: Int64) throws -> LedgerEntry {
        guard sequence >= 1 else { throw StoreError.corrupt("audit sequence starts at 1") }
        let event: AuditEvent
        do {
            event = try AuditEvent(
                unixTimeMilliseconds: unixTimeMilliseconds, actor: actor,
                role: role, action: action, subjectIDs: subjectID.map { [$0] } ?? [],
                organisationID: organisationID?.description, purpose: purpose, requestID: requestID, outcome: outcome)
        } catch {
            // Events are built by the services from ids and codes; one that is not is a programming error.
            throw StoreError.corrupt("audit event is not a valid ledger entry: \(error)")
        }
        return LedgerEntry(index: UInt64(sequence - 1), event: event)
    }

    /// The event's time as the ledger records it: milliseconds since the Unix epoch, rounded.
    public var unixTimeMilliseconds: Int64 {
        let millis = (occurredAt.timeIntervalSince1970 * 1000).rounded()
        // Only an edited row holds a time beyond Int64 milliseconds: it saturates (so mismatches) rather than traps.
        return Int64(exactly: millis) ?? (millis < 0 ? .min : .max)
    }

    /// The stored row as the ledger sees it, at its own sequence.
    public var ledgerEntry: LedgerEntry {
        get throws { try ledgerEntry(sequence: sequence) }
    }
}

extension AuditEventRow {
    /// The leaf hash (32 bytes) stores keep beside the event at `sequence`.
    public func leafHash(sequence: Int64) throws -> [UInt8] {
        try ledgerEntry(sequence: sequence).leafHash.bytes
    }
}

extension AuditEventRow {
    /// The leaf of this event at its own sequence, hashed from its fields as they are, unvalidated (see
    /// ``LeafHasher``): for any event the store accepts, `ledgerEntry.leafHash`.
    public func ledgerLeaf(using hasher: inout LeafHasher) -> AuditLeaf {
        let organisation = organisationID?.description
        let fields = LedgerEntryFields(
            index: UInt64(bitPattern: sequence &- 1), unixTimeMilliseconds: unixTimeMilliseconds, actor: actor.utf8,
            role: role.utf8, action: action.utf8, subject: subjectID?.utf8, organisationID: organisation?.utf8,
            purpose: purpose.utf8, requestID: requestID.utf8, outcome: outcome.utf8)
        return AuditLeaf(sequence: sequence, leafHash: hasher.leafHash(of: fields))
    }
}

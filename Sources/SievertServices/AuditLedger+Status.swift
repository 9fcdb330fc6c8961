import Foundation
import Ledger
import SievertStorage

extension AuditLedger {
    /// How big the ledger is and how far its witness is behind: counts and a time, for monitoring.
    public struct Status: Sendable, Equatable {
        /// Events stored.
        public var events: Int64
        /// Events covered by the latest witnessed checkpoint (0 when there is none).
        public var checkpointedEvents: UInt64
        /// When the latest witnessed checkpoint was signed; nil when there is none, or it does not verify.
        public var lastCheckpoint: Date?
    }

    /// The ledger's status as stored and witnessed now. Reads the highest sequence (sequences are gap-free, one per
    /// leaf) and the witness's latest note, never the events themselves.
    public func status() async throws -> Status {
        let events = try await store.lastAuditSequence()
        // A witnessed note that does not verify counts as no checkpoint: monitoring then sees the age go missing,
        // and `sievert audit verify` says why.
        guard let (_, checkpoint) = try? latestWitnessed() else {
            return Status(events: events, checkpointedEvents: 0, lastCheckpoint: nil)
        }
        return Status(
            events: events, checkpointedEvents: checkpoint.size,
            lastCheckpoint: Date(timeIntervalSince1970: Double(checkpoint.unixTimeMilliseconds) / 1000))
    }

    /// Seconds from the latest witnessed checkpoint to now (by the ledger's clock), or nil without one.
    public func checkpointAge(_ status: Status) -> Double? {
        status.lastCheckpoint.map { max(0, clock().timeIntervalSince($0)) }
    }
}

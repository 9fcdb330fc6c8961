import Foundation
import Hummingbird
import SievertServices

/// The auditor's pages: the ledger's verification status, its events page by page, each event's inclusion proof,
/// and a consistency proof from any earlier size.
struct AuditorPages {
    let queries: AuditQueries

    static let ledger = RoutePolicy.only(.auditor, .rpsAdmin, object: .service)
    static let pageSize = 50

    func register(on routes: PortalRoutes) {
        routes.get("audit", Self.ledger) { portal in
            let caller = try portal.requireCaller()
            let status = try await queries.status(by: caller)
            let last = Int64(status.storedEvents)
            let after =
                portal.query("after").flatMap(Int64.init).map { min(max($0, 0), last) }
                ?? max(0, last - Int64(Self.pageSize))
            let events = try await queries.events(after: after, limit: Self.pageSize, by: caller)
            return try portal.render(
                PortalPage(
                    "audit", title: "Audit ledger",
                    values: LedgerPage(status: status, events: events, after: after, last: last)))
        }
        routes.get("audit/events/:sequence", Self.ledger) { portal in
            let caller = try portal.requireCaller()
            guard let sequence = Int64(try portal.parameter("sequence")), sequence > 0 else {
                throw ServiceError.notFound("event")
            }
            let event = try await queries.event(sequence, by: caller)
            return try portal.render(
                PortalPage("audit-event", title: "Ledger event \(sequence)", values: EventPage(event)))
        }
        routes.get("audit/consistency", Self.ledger) { portal in
            let caller = try portal.requireCaller()
            guard let text = portal.query("from"), let size = UInt64(text), size > 0 else {
                throw ServiceError.invalid(field: "from", "must be a tree size of at least 1")
            }
            let proof = try await queries.consistency(from: size, by: caller)
            return try portal.render(PortalPage("audit-consistency", title: "Consistency proof", values: proof))
        }
    }
}

struct LedgerPage {
    var intact: Bool
    var verdict: String
    var storedEvents: Int
    var witnessedEvents: String
    var checkpoint: String
    var events: [EventRow]
    var newer: String?
    var older: String?

    init(status: LedgerStatus, events: [LedgerEventView], after: Int64, last: Int64) {
        intact = status.intact
        verdict = status.verdict
        storedEvents = status.storedEvents
        witnessedEvents = String(status.witnessedEvents)
        checkpoint = status.checkpoint ?? "none yet"
        self.events = events.reversed().map(EventRow.init)
        let size = Int64(AuditorPages.pageSize)
        newer = after + size < last ? String(after + size) : nil
        older = after > 0 ? String(max(0, after - size)) : nil
    }
}

struct EventRow {
    var sequence: Int64
    var when: String
    var actor: String
    var role: String
    var action: String
    var subject: String
    var purpose: String
    var outcome: String

    init(_ event: LedgerEventView) {
        sequence = event.sequence
        when = IncidentClock.time(event.occurredAt)
        actor = event.actor
        role = event.role
        action = event.action
        subject = event.subject ?? ""
        purpose = event.purpose
        outcome = event.outcome
    }
}

struct EventPage {
    var event: EventRow
    var requestID: String
    var proof: ProofView?
    var hasProof: Bool

    init(_ view: LedgerEventView) {
        event = EventRow(view)
        requestID = view.requestID
        proof = view.proof
        hasProof = view.proof != nil
    }
}

import DoseCore
import Foundation
import SievertStorage
import Vault

extension DoseAlertService {
    /// Dose alerts, oldest first: of the organisation `code`, or of every organisation the caller covers when nil;
    /// only those in `state` when given. Reading them is a read of each person's dose, audited per person.
    public func list(organisation code: String?, state: String? = nil, by caller: Caller) async throws
        -> [AlertView]
    {
        try people.requireManager(caller)
        var wanted: AlertState?
        if let state {
            guard let parsed = AlertState(rawValue: state) else {
                throw ServiceError.invalid(field: "state", "must be raised, acknowledged, investigating or closed")
            }
            wanted = parsed
        }
        var organisationID: OrganisationID?
        if let code { organisationID = try await organisations.find(code: code, caller: caller).id }
        let rows = try await store.doseAlerts(of: organisationID, scope: caller.scope).filter { row in
            wanted.map { row.state == $0.rawValue } ?? true
        }
        let views = try await open(rows, caller: caller)
        let now = clock()
        var changes = ChangeSet()
        changes.auditEvents = Dictionary(grouping: rows, by: { $0.personID }).map {
            (person: PersonID, alerts: [DoseAlertRow]) in
            AuditTrail.event(
                caller, "alert.read", subject: person.description, organisation: alerts[0].organisationID,
                purpose: "dose-limits", at: now, outcome: "alerts=\(alerts.count)")
        }
        if !changes.auditEvents.isEmpty { try await people.apply(changes, caller) }
        return views
    }

    /// Moves an alert one step along its workflow (acknowledged, investigating, closed) with a note; closing
    /// needs a note of the outcome. The step records the caller as its actor.
    public func move(_ id: AlertID, _ step: AlertStep, by caller: Caller) async throws -> AlertView {
        try people.requireManager(caller)
        guard let next = AlertState(rawValue: step.state), next != .raised else {
            throw ServiceError.invalid(field: "state", "must be acknowledged, investigating or closed")
        }
        if let note = step.note, note.count > 4_000 {
            throw ServiceError.invalid(field: "note", "must be at most 4,000 characters")
        }
        guard var row = try await store.doseAlerts(of: nil, scope: caller.scope).first(where: { $0.id == id }) else {
            throw ServiceError.notFound("alert \(id)")
        }
        let sealer = Sealer(keyset: try await people.codec(for: row.organisationID, caller: caller).organisationKeys)
        let now = clock()
        let moved: Alert
        do {
            moved = try Self.open(row, sealer: sealer).moved(to: next, by: caller.actor, at: now, note: step.note)
        } catch let error as ValidationError {
            throw error.field == "state"
                ? ServiceError.conflict(error.reason) : ServiceError.invalid([error])
        }
        row.state = moved.state.rawValue
        row.sealedAlert = try Self.seal(moved, organisation: row.organisationID, sealer: sealer)
        row.updatedAt = now
        var changes = ChangeSet()
        changes.alertUpdates = [row]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "alert.\(next.rawValue)", subject: row.personID.description, organisation: row.organisationID,
                purpose: "dose-limits", at: now, outcome: "alert=\(id)")
        ]
        try await people.apply(changes, caller)
        let code = try await store.organisation(id: row.organisationID, scope: caller.scope)?.code ?? ""
        return AlertView(moved, organisation: code)
    }

    private func open(_ rows: [DoseAlertRow], caller: Caller) async throws -> [AlertView] {
        var sealers: [OrganisationID: (Sealer, String)] = [:]
        var views: [AlertView] = []
        for row in rows {
            if sealers[row.organisationID] == nil {
                let codec = try await people.codec(for: row.organisationID, caller: caller)
                let code = try await store.organisation(id: row.organisationID, scope: caller.scope)?.code ?? ""
                sealers[row.organisationID] = (Sealer(keyset: codec.organisationKeys), code)
            }
            guard let (sealer, code) = sealers[row.organisationID] else { continue }
            views.append(AlertView(try Self.open(row, sealer: sealer), organisation: code))
        }
        return views
    }

    /// Runs the limit check again for every person of the organisation `code` over `year` (for example after
    /// its investigation levels changed): raises what was not raised before.
    public func recheck(organisation code: String, year: Int, by caller: Caller) async throws -> [AlertView] {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        guard DosePeriod.calendarYear(year) != nil else {
            throw ServiceError.invalid(field: "year", "must be a calendar year from 1850 to 2200")
        }
        // Canaries have no doses and are never read by the service's own checks.
        var ids = Set<PersonID>()
        try await store.forEachPeoplePage(of: organisation.id, includeCanaries: false, scope: caller.scope) { page in
            ids.formUnion(page.map(\.person.id))
        }
        return try await check(ids, years: [year], requestID: caller.requestID)
    }
}

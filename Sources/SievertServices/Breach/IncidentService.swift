import DoseCore
import Foundation
import SievertStorage
import Vault

/// The incident register (UK GDPR Art. 33(5)): declare a breach, keep its decision log and the 72-hour clock,
/// and tell every affected organisation (the controllers) as their processor. Scoping, planning and the outputs
/// are in the extensions. Only the RPS administrator acts on incidents; an auditor may read the register.
public struct IncidentService: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let people: PeopleService
    let organisations: OrganisationService
    let clock: @Sendable () -> Date
    let mailFrom: String

    /// Declares an incident; the clock starts at `awareAt`.
    public func declare(_ input: NewIncident, by caller: Caller) async throws -> Incident {
        try requireAdministrator(caller)
        let now = clock()
        let incident: Incident
        do throws(ValidationErrors) {
            incident = try Incident(
                id: IncidentID.generate(now: now), summary: input.summary, source: input.source,
                occurredAt: input.occurredAt,
                awareAt: input.awareAt, contactPoint: input.contactPoint, consequences: input.consequences ?? "",
                measures: input.measures ?? "", declaredBy: caller.actor, at: now)
        } catch {
            throw ServiceError.invalid(error.errors)
        }
        var changes = ChangeSet()
        changes.newIncidents = [try row(for: incident, at: now)]
        changes.auditEvents = [event(caller, "incident.declare", incident.id, at: now)]
        try await apply(changes, caller)
        return incident
    }

    /// The register, newest first, with each incident's clock at this moment.
    public func list(by caller: Caller) async throws -> [IncidentSummary] {
        try requireReader(caller)
        let now = clock()
        let incidents = try await store.incidents().map(open)
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "incident.list", subject: nil, organisation: nil, purpose: "breach-response", at: now,
                outcome: "incidents=\(incidents.count)")
        ]
        try await apply(changes, caller)
        return incidents.map { summary(of: $0, at: now) }
    }

    /// One incident with its decision log.
    public func get(_ id: IncidentID, by caller: Caller) async throws -> Incident {
        try requireReader(caller)
        let incident = try await load(id)
        var changes = ChangeSet()
        changes.auditEvents = [event(caller, "incident.read", id, at: clock())]
        try await apply(changes, caller)
        return incident
    }

    /// Adds a decision to the log: a note, the report to the regulator, a decision not to report (with its
    /// reasons), or closing.
    public func record(_ kind: IncidentDecision.Kind, text: String, on id: IncidentID, by caller: Caller)
        async throws -> Incident
    {
        try requireAdministrator(caller)
        guard [.note, .reported, .notReported, .closed].contains(kind) else {
            throw ServiceError.invalid(field: "kind", "must be note, reported, not-reported or closed")
        }
        return try await append(kind, text: text, to: try await load(id), caller: caller, action: "incident.decide")
    }

    /// The processor's notice to each affected organisation's data-protection contact (the lead when none is
    /// set), queued in the outbox. It names the incident and counts, never a person. Returns the notices queued.
    public func notifyControllers(_ id: IncidentID, by caller: Caller) async throws -> Int {
        try requireAdministrator(caller)
        let incident = try await load(id)
        let rows = try await store.incidentPeople(of: id, scope: caller.scope)
        let byOrganisation = Dictionary(grouping: rows, by: \.organisationID)
        guard !byOrganisation.isEmpty else {
            throw ServiceError.conflict("no one is in scope yet: scope the incident first")
        }
        let now = clock()
        var changes = ChangeSet()
        var told: [String] = []
        for (organisationID, records) in byOrganisation.sorted(by: { $0.key < $1.key }) {
            guard let stored = try await store.organisation(id: organisationID, scope: caller.scope) else { continue }
            let organisation = try await organisations.open(stored, caller: caller)
            let to = organisation.dataProtectionContact?.email ?? organisation.leadContact?.email
            guard let to else { continue }
            let readable = records.filter { !$0.exposed.isEmpty }.count
            let message = ControllerNotice.message(
                incident: incident, organisationCode: organisation.code.value, records: records.count,
                readable: readable, to: to, from: mailFrom)
            let sealer = Sealer(keyset: try await keys.organisationKeyset(organisationID, scope: caller.scope))
            changes.newMail.append(try MailOutbox.row(message, organisation: organisationID, sealer: sealer, at: now))
            told.append(organisation.code.value)
        }
        _ = try await append(
            .noticesSent, text: "Notice queued to \(told.count) organisation(s): \(told.joined(separator: ", ")).",
            to: incident, caller: caller, action: "incident.notify-controllers", extra: changes,
            outcome: "notices=\(told.count)")
        return told.count
    }

    // MARK: shared by the extensions

    func summary(of incident: Incident, at now: Date) -> IncidentSummary {
        IncidentSummary(
            id: incident.id, status: incident.status, source: incident.source, summary: incident.summary,
            occurredAt: incident.occurredAt, awareAt: incident.awareAt, reportDue: incident.reportDue,
            secondsToReport: incident.secondsToReport(at: now))
    }

    func load(_ id: IncidentID) async throws -> Incident {
        guard let row = try await store.incident(id: id) else { throw ServiceError.notFound("incident \(id)") }
        return try open(row)
    }

    /// Loads, changes and stores an incident with one audit event, in one change set.
    /// Appends a decision to a loaded incident and stores it with `extra`, in one change, with the audit event of
    /// `action`. A decision the incident refuses is a conflict, except an unusable text, which is invalid input.
    func append(
        _ kind: IncidentDecision.Kind, text: String, to incident: Incident, caller: Caller, action: String,
        extra: ChangeSet = ChangeSet(), outcome: String = "ok"
    ) async throws -> Incident {
        let now = clock()
        let updated: Incident
        do throws(ValidationError) {
            updated = try incident.recording(kind, text: text, by: caller.actor, at: now)
        } catch {
            throw error.field == "text" ? ServiceError.invalid([error]) : ServiceError.conflict(error.reason)
        }
        var changes = extra
        changes.incidentUpdates = [try row(for: updated, at: now)]
        changes.auditEvents.append(event(caller, action, incident.id, at: now, outcome: outcome))
        try await apply(changes, caller)
        return updated
    }

    func row(for incident: Incident, at now: Date) throws -> IncidentRow {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        let sealed = try keys.incidentSealer.seal(Array(try encoder.encode(incident)), binding: binding(incident.id))
        return IncidentRow(
            id: incident.id, status: incident.status.rawValue, source: incident.source.rawValue,
            occurredAt: incident.occurredAt, awareAt: incident.awareAt, declaredAt: incident.declaredAt,
            updatedAt: now, sealedIncident: sealed)
    }

    func open(_ row: IncidentRow) throws -> Incident {
        let plain = try keys.incidentSealer.open(row.sealedIncident, binding: binding(row.id))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(Incident.self, from: Data(plain))
    }

    private func binding(_ id: IncidentID) -> AssociatedData {
        AssociatedData(organisation: "_service", table: "incidents", column: "incident", row: id.description)
    }

    func event(_ caller: Caller, _ action: String, _ id: IncidentID, at now: Date, outcome: String = "ok")
        -> AuditEventRow
    {
        AuditTrail.event(
            caller, action, subject: "incident:\(id)", organisation: nil, purpose: "breach-response", at: now,
            outcome: outcome)
    }

    /// Incidents span organisations: only the service's own administrator, over every organisation, acts on them.
    func requireAdministrator(_ caller: Caller) throws {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the RPS administrator acts on incidents")
        }
    }

    func requireReader(_ caller: Caller) throws {
        guard caller.role == .rpsAdmin || caller.role == .auditor else {
            throw ServiceError.forbidden("only the RPS administrator and auditors read the incident register")
        }
    }

    func apply(_ changes: ChangeSet, _ caller: Caller) async throws {
        do {
            try await store.apply(changes, scope: caller.scope)
        } catch {
            throw ServiceError.from(error)
        }
    }
}

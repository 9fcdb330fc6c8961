import DoseCore
import Foundation
import Interchange
import Linkage
import SievertStorage

extension IncidentService {
    /// The notification list: every affected record the caller's scope covers, with the person's disposition,
    /// exposed fields, chosen contact and letter delivery. The RPS administrator sees every organisation; an
    /// organisation lead only her own (row-level scope). Each record and contact decrypted is audited.
    public func notificationList(_ id: IncidentID, organisationCode: String? = nil, by caller: Caller) async throws
        -> [NotificationEntry]
    {
        try requireListReader(caller)
        return try await entries(of: try await load(id), organisationCode: organisationCode, caller: caller)
    }

    private func entries(of incident: Incident, organisationCode: String?, caller: Caller) async throws
        -> [NotificationEntry]
    {
        let id = incident.id
        var rows = try await store.incidentPeople(of: id, scope: caller.scope)
        if let organisationCode {
            let organisation = try await organisations.find(code: organisationCode, caller: caller)
            rows = rows.filter { $0.organisationID == organisation.id }
        }
        var opened = OpenedPeople(service: self, caller: caller)
        let wanted = Set(rows.map(\.personID)).union(rows.compactMap(\.contactPersonID))
        var byID: [PersonID: OpenedPeople.Opened] = [:]
        for record in try await store.people(ids: Array(wanted), scope: caller.scope) {
            byID[record.person.id] = try await opened.open(record)
        }
        let entries = rows.map { row -> NotificationEntry in
            let record = byID[row.personID]
            let contact = row.contactPersonID.flatMap { byID[$0] }
            return NotificationEntry(
                organisationCode: record?.linkage.organisation ?? "", recordID: row.personID, person: row.cluster,
                name: record.map { Self.fullName($0.person) } ?? "",
                exposed: ((try? PersonalField.set(parsing: row.exposed)) ?? []).sorted(),
                foundBy: row.foundBy.split(separator: ",").map(String.init), disposition: row.disposition,
                contactRecordID: contact?.person.id, contactName: contact.map { Self.fullName($0.person) },
                address: contact?.person.contact.address, postcode: contact?.person.contact.postcode,
                email: contact?.person.contact.email,
                delivery: LetterDelivery(rawValue: row.delivery) ?? .pending, deliveryAt: row.deliveryAt)
        }
        try await opened.audit()
        var changes = ChangeSet()
        changes.auditEvents = [
            event(caller, "incident.notification-list", id, at: clock(), outcome: "rows=\(rows.count)")
        ]
        try await apply(changes, caller)
        return entries.sorted {
            ($0.organisationCode, $0.person ?? "", $0.recordID) < ($1.organisationCode, $1.person ?? "", $1.recordID)
        }
    }

    /// The notification list as CSV for mail merge.
    public func notificationCSV(_ id: IncidentID, organisationCode: String? = nil, by caller: Caller) async throws
        -> ReportDocument
    {
        let entries = try await notificationList(id, organisationCode: organisationCode, by: caller)
        var writer = CSVWriter()
        writer.append(NotificationEntry.csvHeader)
        for entry in entries { writer.append(entry.csvRow) }
        return .csv(writer.bytes, fileName: "notification-list-\(id)")
    }

    /// The notification list as a JSON document.
    public func notificationJSON(_ id: IncidentID, organisationCode: String? = nil, by caller: Caller) async throws
        -> ReportDocument
    {
        try .json(
            try await notificationList(id, organisationCode: organisationCode, by: caller),
            fileName: "notification-list-\(id)")
    }

    /// The Art. 34 letters, one per person to notify, as one printable HTML document (a page each).
    public func letters(_ id: IncidentID, organisationCode: String? = nil, by caller: Caller) async throws
        -> ReportDocument
    {
        try requireListReader(caller)
        let incident = try await load(id)
        let entries = try await entries(of: incident, organisationCode: organisationCode, caller: caller)
        let letters = BreachLetters.make(incident: incident, entries: entries, at: clock())
        return .html(try ReportTemplates.render(letters, with: "breach-letters"), fileName: "letters-\(id)")
    }

    /// The Art. 33 report draft, in counts only, as HTML or JSON.
    public func report(_ id: IncidentID, format: ReportFormat, by caller: Caller) async throws -> ReportDocument {
        try requireReader(caller)
        let incident = try await load(id)
        let rows = try await store.incidentPeople(of: id, scope: caller.scope)
        var names: [OrganisationID: (code: String, name: String)] = [:]
        for organisation in try await store.organisations(scope: caller.scope) {
            names[organisation.id] = (organisation.code, organisation.name)
        }
        let now = clock()
        let report = try BreachReport.make(incident: incident, rows: rows, organisations: names, at: now)
        var changes = ChangeSet()
        changes.auditEvents = [event(caller, "incident.report", id, at: now)]
        try await apply(changes, caller)
        switch format {
        case .html:
            return .html(try ReportTemplates.render(report.view, with: "breach-report"), fileName: "art33-\(id)")
        case .json, .csv: return try .json(report, fileName: "art33-\(id)")
        }
    }

    /// Records a letter's delivery: sent, returned or undeliverable.
    public func recordDelivery(
        _ delivery: LetterDelivery, of person: PersonID, on id: IncidentID, by caller: Caller
    ) async throws {
        try requireListReader(caller)
        guard [.sent, .returned, .undeliverable].contains(delivery) else {
            throw ServiceError.invalid(field: "delivery", "must be sent, returned or undeliverable")
        }
        guard
            var row = try await store.incidentPeople(of: id, scope: caller.scope).first(where: { $0.personID == person }
            )
        else { throw ServiceError.notFound("person \(person) in incident \(id)") }
        guard row.disposition == Disposition.notify.rawValue else {
            throw ServiceError.conflict("no letter goes to this record (\(row.disposition ?? "not planned yet"))")
        }
        let now = clock()
        row.delivery = delivery.rawValue
        row.deliveryAt = now
        row.updatedAt = now
        var changes = ChangeSet()
        changes.incidentPeople = [row]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "incident.delivery", subject: person.description, organisation: row.organisationID,
                purpose: "breach-response", at: now, outcome: "incident=\(id),delivery=\(delivery.rawValue)")
        ]
        try await apply(changes, caller)
    }

    /// The incidents that affect records of one organisation, for its lead's notification work: no summary or
    /// decision log (the register is the operator's), only when it began, its status and how many of the
    /// organisation's records it affects.
    public func affecting(organisationCode: String, by caller: Caller) async throws -> [OrganisationIncident] {
        try requireListReader(caller)
        let organisation = try await organisations.find(code: organisationCode, caller: caller)
        var found: [OrganisationIncident] = []
        for incident in try await store.incidents().map(open) {
            let rows = try await store.incidentPeople(of: incident.id, scope: caller.scope)
                .filter { $0.organisationID == organisation.id }
            guard !rows.isEmpty else { continue }
            found.append(
                OrganisationIncident(
                    id: incident.id, status: incident.status, awareAt: incident.awareAt, affectedRecords: rows.count))
        }
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "incident.list", subject: nil, organisation: organisation.id, purpose: "breach-response",
                at: clock(), outcome: "incidents=\(found.count)")
        ]
        try await apply(changes, caller)
        return found.sorted { $0.awareAt > $1.awareAt }
    }

    func requireListReader(_ caller: Caller) throws {
        guard (caller.role == .rpsAdmin && caller.organisations == .all) || caller.role == .orgLead else {
            throw ServiceError.forbidden("only the RPS administrator and organisation leads read notification lists")
        }
    }

    static func fullName(_ person: Person) -> String {
        [person.identity.forenames, person.identity.surname].compactMap { $0 }.joined(separator: " ")
    }
}

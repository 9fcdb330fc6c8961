import DoseCore
import Foundation
import Hummingbird
import SievertServices
import SievertStorage

/// The RPS administrator's pages: an overview, organisations and their leads, alerts across organisations,
/// dosemeters out, incidents with the 72-hour clock, and the state of the keys and the ledger.
struct AdminPages {
    let sievert: Sievert
    let ledger: AuditLedger

    static let service = RoutePolicy.only(.rpsAdmin, object: .service)

    func register(on routes: PortalRoutes) {
        routes.get("admin", Self.service) { portal in
            let caller = try portal.requireCaller()
            let organisations = try await sievert.organisations.list(by: caller)
            let alerts = try await sievert.alerts.list(organisation: nil, by: caller).filter { $0.state != .closed }
            let incidents = try await sievert.incidents.list(by: caller)
            let readiness = await sievert.keys.readiness()
            let status = try await AuditQueries(store: sievert.store, ledger: ledger).status(by: caller)
            return try portal.render(
                PortalPage(
                    "admin-home", title: "Service overview",
                    values: AdminOverview(
                        organisations: organisations.count, openAlerts: alerts.count,
                        incidents: incidents.filter { $0.status != .closed }.map(IncidentClock.init),
                        ready: readiness.status == "ready", ledgerIntact: status.intact,
                        events: status.storedEvents)))
        }
        routes.get("admin/organisations", Self.service) { portal in
            let caller = try portal.requireCaller()
            let organisations = try await sievert.organisations.list(by: caller)
            let accounts = try await sievert.accounts.list(by: caller)
            let rows = organisations.map { organisation in
                OrganisationRow(
                    code: organisation.code, name: organisation.name, kind: organisation.kind.rawValue,
                    leads: accounts.filter { $0.role == .orgLead && $0.organisations.contains(organisation.code) }
                        .map { "\($0.login) (\($0.status.rawValue))" }.joined(separator: ", "))
            }
            return try portal.render(
                PortalPage("admin-organisations", title: "Organisations", values: ["organisations": rows]))
        }
        routes.get("admin/alerts", Self.service) { portal in
            let caller = try portal.requireCaller()
            let alerts = try await sievert.alerts.list(organisation: nil, by: caller)
                .sorted { ($0.state == .closed ? 1 : 0, $0.periodEnd) < ($1.state == .closed ? 1 : 0, $1.periodEnd) }
            return try portal.render(
                PortalPage(
                    "alerts", title: "Dose alerts across organisations",
                    values: AlertsPage(alerts, showOrganisation: true)))
        }
        routes.get("admin/dosemeters", Self.service) { portal in
            let caller = try portal.requireCaller()
            var rows: [DosemeterTotals] = []
            for organisation in try await sievert.organisations.list(by: caller) {
                let out = try await sievert.dosemeters.unreturned(organisation: organisation.code, by: caller)
                rows.append(
                    DosemeterTotals(
                        code: organisation.code, name: organisation.name, unreturned: out.count,
                        overdue: out.filter(\.overdue).count, oldest: out.map(\.ageDays).max() ?? 0))
            }
            return try portal.render(
                PortalPage("admin-dosemeters", title: "Dosemeters not yet returned", values: ["rows": rows]))
        }
        routes.get("admin/incidents", Self.service) { portal in
            let caller = try portal.requireCaller()
            let incidents = try await sievert.incidents.list(by: caller)
            return try portal.render(
                PortalPage(
                    "admin-incidents", title: "Incidents",
                    values: ["incidents": incidents.map(IncidentClock.init), "none": incidents.isEmpty]))
        }
        routes.get("admin/incidents/:incident", Self.service) { portal in
            let caller = try portal.requireCaller()
            guard let id = IncidentID(try portal.parameter("incident")) else { throw ServiceError.notFound("incident") }
            if portal.query("report") != nil {
                return download(try await sievert.incidents.report(id, format: .html, by: caller))
            }
            let incident = try await sievert.incidents.get(id, by: caller)
            return try portal.render(
                PortalPage("admin-incident", title: "Incident", values: IncidentDetail(incident, now: Date())))
        }
        routes.get("admin/system", Self.service) { portal in
            let caller = try portal.requireCaller()
            let readiness = await sievert.keys.readiness()
            let keys = try await sievert.keys.status(by: caller)
            let status = try await AuditQueries(store: sievert.store, ledger: ledger).status(by: caller)
            return try portal.render(
                PortalPage(
                    "admin-system", title: "Keys and ledger",
                    values: SystemPage(readiness: readiness, keys: keys, ledger: status)))
        }
    }
}

struct AdminOverview {
    var organisations: Int
    var openAlerts: Int
    var incidents: [IncidentClock]
    var ready: Bool
    var ledgerIntact: Bool
    var events: Int
}

struct OrganisationRow {
    var code: String
    var name: String
    var kind: String
    var leads: String
}

struct DosemeterTotals {
    var code: String
    var name: String
    var unreturned: Int
    var overdue: Int
    var oldest: Int
}

/// An incident with its Art. 33 clock: hours and minutes to the 72-hour deadline, or how long overdue.
struct IncidentClock {
    var id: String
    var summary: String
    var status: String
    var awareAt: String
    var due: String
    var clock: String
    var overdue: Bool
    /// The deadline for the countdown script, while the clock runs.
    var ticking: String?

    init(_ incident: IncidentSummary) {
        id = incident.id.description
        summary = incident.summary
        status = incident.status.rawValue
        awareAt = Self.time(incident.awareAt)
        due = Self.time(incident.reportDue)
        overdue = (incident.secondsToReport ?? 0) < 0
        clock = incident.secondsToReport.map(Self.clock) ?? "reported or closed"
        ticking = incident.secondsToReport == nil ? nil : incident.reportDue.formatted(.iso8601)
    }

    static func clock(_ seconds: Double) -> String {
        let minutes = Int((abs(seconds) / 60).rounded(.down))
        let text = "\(minutes / 60) h \(minutes % 60) min"
        return seconds < 0 ? "overdue by \(text)" : "\(text) left"
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
    }
}

struct IncidentDetail {
    struct Decision {
        var kind: String
        var actor: String
        var at: String
        var text: String
    }
    var id: String
    var summary: String
    var source: String
    var occurredAt: String
    var awareAt: String
    var due: String
    var clock: String
    var overdue: Bool
    var ticking: String?
    var contactPoint: String
    var consequences: String
    var measures: String
    var status: String
    var decisions: [Decision]

    init(_ incident: Incident, now: Date) {
        id = incident.id.description
        summary = incident.summary
        source = incident.source.rawValue
        occurredAt = IncidentClock.time(incident.occurredAt)
        awareAt = IncidentClock.time(incident.awareAt)
        due = IncidentClock.time(incident.reportDue)
        let seconds = incident.secondsToReport(at: now)
        clock = seconds.map(IncidentClock.clock) ?? "reported or closed"
        overdue = (seconds ?? 0) < 0
        ticking = seconds == nil ? nil : incident.reportDue.formatted(.iso8601)
        contactPoint = incident.contactPoint
        consequences = incident.consequences
        measures = incident.measures
        status = incident.status.rawValue
        decisions = incident.decisions.map {
            Decision(kind: $0.kind.rawValue, actor: $0.actor, at: IncidentClock.time($0.at), text: $0.text)
        }
    }
}

struct SystemPage {
    var ready: Bool
    var store: Bool
    var keysOpen: Bool
    var root: KeyStatus.Versions
    var organisations: [KeyStatus.Versions]
    var storedEvents: Int
    var witnessedEvents: String
    var intact: Bool
    var verdict: String
    var checkpoint: String

    init(readiness: Readiness, keys: KeyStatus, ledger: LedgerStatus) {
        ready = readiness.status == "ready"
        store = readiness.store
        keysOpen = readiness.keys
        root = keys.root
        organisations = keys.organisations
        storedEvents = ledger.storedEvents
        witnessedEvents = String(ledger.witnessedEvents)
        intact = ledger.intact
        verdict = ledger.verdict
        checkpoint = ledger.checkpoint ?? "none yet"
    }
}

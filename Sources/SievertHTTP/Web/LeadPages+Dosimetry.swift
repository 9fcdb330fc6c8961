import DoseCore
import Foundation
import Hummingbird
import SievertServices

extension LeadPages {
    func registerDosimetry(on routes: PortalRoutes) {
        routes.get("lead/:code/dosemeters", Self.organisation) { portal in
            try await dosemetersPage(portal, form: [:], problems: [])
        }
        routes.post("lead/:code/dosemeters/issue", Self.organisation) { portal, form in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            do {
                let list = try await sievert.dosemeters.issue(
                    organisation: code, month: form["period"] ?? "", by: caller)
                return download(
                    ReportDocument(
                        bytes: try DosemeterService.labFile(list), contentType: "text/csv; charset=utf-8",
                        fileName: "issue-\(code)-\(list.month).csv"))
            } catch let error as ServiceError where error.code == "invalid" || error.code == "conflict" {
                let problems =
                    error.code == "invalid"
                    ? error.validationErrors.map { ValidationError(field: "period", reason: $0.reason) }
                    : [ValidationError(field: "period", reason: error.description)]
                return try await dosemetersPage(portal, form: form, problems: problems)
            }
        }
        routes.get("lead/:code/report", Self.organisation) { portal in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            let period = portal.query("period") ?? YearMonth.current(CalendarDate(Date()))
            let report = try await sievert.reports.period.report(organisationCode: code, period: period, by: caller)
            if let format = portal.query("format") {
                return download(
                    try report.document(try ReportFormat.parse(format, default: .html, allowed: [.csv, .html])))
            }
            return try portal.render(
                PortalPage(
                    "lead-report", title: "Dose report for \(report.period)",
                    values: PeriodReportPage(code: code, report: report)))
        }
        routes.get("lead/:code/alerts", Self.organisation) { portal in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            let alerts = try await sievert.alerts.list(organisation: code, by: caller)
            return try portal.render(
                PortalPage(
                    "alerts", title: "Dose alerts", values: AlertsPage(alerts, showOrganisation: false)))
        }
        routes.get("lead/:code/alerts/:alert", Self.organisation) { portal in
            let (caller, code, alert) = try Self.alertPath(portal)
            return try portal.render(
                PortalPage(
                    "alert", title: "Dose alert", values: try await AlertDetail.load(alert, code, sievert, caller)))
        }
        routes.post("lead/:code/alerts/:alert", Self.organisation) { portal, form in
            let (caller, code, alert) = try Self.alertPath(portal)
            do {
                _ = try await sievert.alerts.move(
                    alert, AlertStep(state: form["state"] ?? "", note: form["note"].nonEmpty), by: caller)
                return redirect("/lead/\(code)/alerts/\(alert)?done=alert")
            } catch let error as ServiceError where error.code == "invalid" || error.code == "conflict" {
                let problems =
                    error.code == "invalid"
                    ? error.validationErrors : [ValidationError(field: "state", reason: error.description)]
                return try portal.render(
                    PortalPage(
                        "alert", title: "Dose alert", values: try await AlertDetail.load(alert, code, sievert, caller)),
                    form: form, problems: problems, labels: Self.labels)
            }
        }
        routes.get("lead/:code/incidents", Self.organisation) { portal in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            let incidents = try await sievert.incidents.affecting(organisationCode: code, by: caller)
            return try portal.render(
                PortalPage(
                    "lead-incidents", title: "Incidents affecting your people",
                    values: ["code": code, "incidents": incidents.map(IncidentRow.init), "none": incidents.isEmpty]))
        }
        routes.get("lead/:code/incidents/:incident", Self.organisation) { portal in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            guard let id = IncidentID(try portal.parameter("incident")) else { throw ServiceError.notFound("incident") }
            if portal.query("letters") != nil {
                return download(try await sievert.incidents.letters(id, organisationCode: code, by: caller))
            }
            let entries = try await sievert.incidents.notificationList(id, organisationCode: code, by: caller)
            return try portal.render(
                PortalPage(
                    "lead-incident", title: "Notification list",
                    values: NotificationPage(code: code, incident: id.description, entries: entries)))
        }
        routes.post("lead/:code/incidents/:incident/delivery", Self.organisation) { portal, form in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            guard let id = IncidentID(try portal.parameter("incident")),
                let person = form["record"].nonEmpty.flatMap(PersonID.init)
            else { throw ServiceError.invalid(field: "record", "is not a record of this list") }
            guard let delivery = form["delivery"].nonEmpty.flatMap(LetterDelivery.init) else {
                throw ServiceError.invalid(field: "delivery", "must be sent, returned or undeliverable")
            }
            try await sievert.incidents.recordDelivery(delivery, of: person, on: id, by: caller)
            return redirect("/lead/\(code)/incidents/\(id)?done=delivery")
        }
    }

    func dosemetersPage(_ portal: PortalRequest, form: [String: String], problems: [ValidationError]) async throws
        -> Response
    {
        let caller = try portal.requireCaller()
        let code = try portal.parameter("code").uppercased()
        let assignments = try await sievert.dosemeters.assignments(organisation: code, by: caller)
        let unreturned = try await sievert.dosemeters.unreturned(organisation: code, by: caller)
        let page = PortalPage(
            "lead-dosemeters", title: "Dosemeters",
            values: DosemetersPage(
                code: code, assignments: assignments, unreturned: unreturned,
                month: form["period"] ?? YearMonth.next(after: CalendarDate(Date()))))
        guard !problems.isEmpty else { return try portal.render(page) }
        return try portal.render(page, form: form, problems: problems, labels: Self.labels)
    }

    static func alertPath(_ portal: PortalRequest) throws -> (Caller, String, AlertID) {
        guard let id = AlertID(try portal.parameter("alert")) else { throw ServiceError.notFound("alert") }
        return (try portal.requireCaller(), try portal.parameter("code").uppercased(), id)
    }
}

extension YearMonth {
    /// `YYYY-MM` of the month after `date`'s (issue lists go out before the period).
    static func next(after date: CalendarDate) -> String {
        let month = date.month == 12 ? 1 : date.month + 1
        let year = date.month == 12 ? date.year + 1 : date.year
        return String(format: "%04d-%02d", year, month)
    }

    static func current(_ date: CalendarDate) -> String {
        String(format: "%04d-%02d", date.year, date.month)
    }
}

struct DosemetersPage {
    struct Assignment {
        var participant: String
        var person: String
        var kind: String
        var position: String
        var frequency: String
        var starts: String
        var ends: String

        init(_ view: AssignmentView) {
            participant = view.participantCode ?? "—"
            person = view.person.description
            kind = view.kind.rawValue
            position = view.position.rawValue
            frequency = view.frequency.rawValue
            starts = view.starts.description
            ends = view.ends?.description ?? ""
        }
    }
    struct Unreturned {
        var serial: String
        var participant: String
        var kind: String
        var period: String
        var age: Int
        var overdue: Bool
    }
    var code: String
    var assignments: [Assignment]
    var noAssignments: Bool
    var unreturned: [Unreturned]
    var noUnreturned: Bool
    var month: String

    init(code: String, assignments: [AssignmentView], unreturned: [UnreturnedDosemeterView], month: String) {
        self.code = code
        self.assignments = assignments.map(Assignment.init)
        noAssignments = assignments.isEmpty
        self.unreturned = unreturned.sorted { $0.ageDays > $1.ageDays }.map {
            Unreturned(
                serial: $0.serial, participant: $0.participantCode ?? "control", kind: $0.kind.rawValue,
                period: "\($0.periodBegin) to \($0.periodEnd)", age: $0.ageDays, overdue: $0.overdue)
        }
        noUnreturned = unreturned.isEmpty
        self.month = month
    }
}

struct PeriodReportPage {
    struct Row {
        var person: String
        var name: String
        var staffNumber: String
        var designation: String
        var doses: [Cell]
    }
    struct Cell {
        var period: String
        var quarterToDate: String
        var yearToDate: String
    }
    var code: String
    var period: String
    var quantities: [String]
    var rows: [Row]
    var none: Bool

    init(code: String, report: PeriodDoseReport) {
        self.code = code
        period = report.period
        quantities = report.quantities
        rows = report.rows.map { row in
            Row(
                person: row.person.description,
                name: [row.forenames, row.surname].compactMap { $0 }.joined(separator: " "),
                staffNumber: row.staffNumber ?? "", designation: row.designation ?? "",
                doses: row.doses.map {
                    Cell(
                        period: $0.periodDose ?? "—",
                        quarterToDate: $0.quarterToDate, yearToDate: $0.yearToDate)
                })
        }
        none = report.rows.isEmpty
    }
}

struct AlertsPage {
    struct Row {
        var href: String
        var organisation: String
        var kind: String
        var quantity: String
        var dose: String
        var threshold: String
        var period: String
        var state: String
        var open: Bool
    }
    var rows: [Row]
    var none: Bool
    var showOrganisation: Bool

    init(_ alerts: [AlertView], showOrganisation: Bool) {
        rows = alerts.map {
            Row(
                href: "/lead/\($0.organisation)/alerts/\($0.id)", organisation: $0.organisation,
                kind: AlertDetail.kindLabel($0.kind), quantity: $0.quantity.rawValue, dose: $0.mSv,
                threshold: $0.thresholdMSv, period: "\($0.periodBegin) to \($0.periodEnd)", state: $0.state.rawValue,
                open: $0.state != .closed)
        }
        none = alerts.isEmpty
        self.showOrganisation = showOrganisation
    }
}

struct AlertDetail {
    struct Step {
        var state: String
        var actor: String
        var at: String
        var note: String?
    }
    var code: String
    var id: String
    var person: String
    var name: String
    var kind: String
    var quantity: String
    var dose: String
    var threshold: String
    var period: String
    var state: String
    var steps: [Step]
    var next: String?
    var nextLabel: String?

    static func load(_ id: AlertID, _ code: String, _ sievert: Sievert, _ caller: Caller) async throws -> AlertDetail {
        guard let alert = try await sievert.alerts.list(organisation: code, by: caller).first(where: { $0.id == id })
        else { throw ServiceError.notFound("alert") }
        let next = AlertState.allCases.first { alert.state.canMove(to: $0) }
        let person = try await sievert.people.get(alert.person, by: caller)
        return AlertDetail(
            code: code, id: id.description, person: alert.person.description, name: WearerDetail.name(person),
            kind: kindLabel(alert.kind),
            quantity: alert.quantity.rawValue, dose: alert.mSv, threshold: alert.thresholdMSv,
            period: "\(alert.periodBegin) to \(alert.periodEnd)", state: alert.state.rawValue,
            steps: alert.steps.map {
                Step(
                    state: $0.state.rawValue, actor: $0.actor,
                    at: $0.at.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)),
                    note: $0.note)
            },
            next: next?.rawValue,
            nextLabel: next.map {
                switch $0 {
                case .acknowledged: "Acknowledge"
                case .investigating: "Start investigating"
                case .closed: "Close with outcome"
                case .raised: "Raise"
                }
            })
    }

    static func kindLabel(_ kind: LimitFindingKind) -> String {
        switch kind {
        case .overLimit: "Dose limit exceeded"
        case .overFiveYearLimit: "Five-year limit exceeded"
        case .overReducedLimit: "Reduced limit after overexposure exceeded"
        case .overInvestigationLevel: "Investigation level exceeded"
        case .classificationPrompt: "Consider classification"
        case .pregnancyBudgetExceeded: "Pregnancy dose budget exceeded"
        }
    }
}

struct IncidentRow {
    var id: String
    var status: String
    var awareAt: String
    var affected: Int

    init(_ incident: OrganisationIncident) {
        id = incident.id.description
        status = incident.status.rawValue
        awareAt = incident.awareAt.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
        affected = incident.affectedRecords
    }
}

struct NotificationPage {
    struct Row {
        var record: String
        var name: String
        var exposed: String
        var disposition: String
        var contact: String
        var delivery: String
        var letter: Bool
    }
    var code: String
    var incident: String
    var rows: [Row]
    var none: Bool

    init(code: String, incident: String, entries: [NotificationEntry]) {
        self.code = code
        self.incident = incident
        rows = entries.map {
            Row(
                record: $0.recordID.description, name: $0.name,
                exposed: $0.exposed.map(\.label).joined(separator: ", "), disposition: $0.disposition ?? "not planned",
                contact: [$0.contactName, $0.address, $0.postcode].compactMap { $0 }.joined(separator: ", "),
                delivery: $0.delivery.rawValue, letter: $0.disposition == "notify")
        }
        none = entries.isEmpty
    }
}

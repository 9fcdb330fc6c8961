import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SievertServices

/// A wearer's own pages: dose history with charts, termination records and passbook, and who accessed the record.
struct WearerPages {
    let sievert: Sievert
    let ledger: AuditLedger

    func register(on routes: PortalRoutes) {
        routes.get("me", .only(.wearer)) { portal in
            let caller = try portal.requireCaller()
            guard let person = caller.person else { throw ServiceError.forbidden("no person") }
            let today = CalendarDate(Date())
            let year =
                portal.query("year").flatMap(Int.init).flatMap { (1950...today.year).contains($0) ? $0 : nil }
                ?? today.year
            let view = try await sievert.people.get(person, by: caller)
            let history = try await sievert.doses.history(of: person, by: caller)
            let levels = try await sievert.alerts.investigationLevels(of: person, by: caller)
            return try portal.render(
                PortalPage(
                    "me", title: "Your radiation dose",
                    values: DoseHistoryPage(
                        person: view, history: history, levels: levels, year: year, today: today)))
        }
        routes.get("me/records", .only(.wearer)) { portal in
            let caller = try portal.requireCaller()
            guard let person = caller.person else { throw ServiceError.forbidden("no person") }
            let view = try await sievert.people.get(person, by: caller)
            return try portal.render(
                PortalPage("me-records", title: "Your dose records", values: RecordsPage(view)))
        }
        routes.get("me/records/:employment", .only(.wearer)) { portal in
            let caller = try portal.requireCaller()
            guard let person = caller.person, let employment = EmploymentID(try portal.parameter("employment")) else {
                throw ServiceError.notFound("record")
            }
            let record = try await sievert.reports.termination.record(
                employment: employment, person: person, by: caller)
            return download(try record.document(.html))
        }
        routes.get("me/passbook", .only(.wearer)) { portal in
            let caller = try portal.requireCaller()
            guard let person = caller.person else { throw ServiceError.forbidden("no person") }
            let passbook = try await sievert.passbooks.issue(for: person, by: caller)
            return download(
                ReportDocument(
                    bytes: Array(passbook.text.utf8), contentType: "text/plain; charset=utf-8",
                    fileName: "passbook-\(passbook.serial).txt"))
        }
        routes.get("me/access", .only(.wearer)) { portal in
            let caller = try portal.requireCaller()
            let events = try await AuditQueries(store: sievert.store, ledger: ledger).accessHistory(by: caller)
            return try portal.render(
                PortalPage(
                    "me-access", title: "Who accessed your record",
                    values: ["events": events.reversed().map(AccessRow.init), "none": events.isEmpty]))
        }
    }
}

/// A file to save (reports carry their own print styles, so they are opened outside the portal's CSP).
func download(_ document: ReportDocument) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = document.contentType
    headers[.contentDisposition] = "attachment; filename=\"\(document.fileName)\""
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document.bytes)))
}

struct DoseHistoryPage {
    struct Chart {
        var svg: String
        var summary: String
        var months: [MonthRow]
    }
    struct MonthRow {
        var month: String
        var dose: String
        var yearToDate: String
    }
    struct EntryRow {
        var period: String
        var quantity: String
        var kind: String
        var dose: String
        var superseded: Bool
    }
    struct TotalRow {
        var quantity: String
        var period: String
        var quarterToDate: String
        var yearToDate: String
        var fiveYears: String
        var lifetime: String
    }
    struct YearLink {
        var year: Int
        var current: Bool
    }

    var name: String
    var year: Int
    var years: [YearLink]
    var charts: [Chart]
    var entries: [EntryRow]
    var noEntries: Bool
    var totals: [TotalRow]
    var reportingPeriod: String

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    init(person: PersonView, history: DoseHistory, levels: InvestigationLevels, year: Int, today: CalendarDate) {
        name = [person.forenames, person.surname].compactMap { $0 }.joined(separator: " ")
        self.year = year
        let first = history.entries.map(\.periodEnd.year).min() ?? today.year
        years = (min(first, year)...today.year).reversed().prefix(6).map { YearLink(year: $0, current: $0 == year) }
        let workerClass =
            person.dateOfBirth.map {
                WorkerClass(
                    designation: person.employments.first?.designations.last?.designation, dateOfBirth: $0,
                    on: CalendarDate(year: year, month: 12, day: 31) ?? today)
            } ?? .employee
        let counting = history.entries.filter { $0.counts && $0.periodEnd.year == year }
        charts = LimitedQuantity.allCases.compactMap { quantity in
            let relevant = counting.filter { $0.quantity.limited == quantity }
            guard quantity == .effective || !relevant.isEmpty else { return nil }
            var monthly = [Int64](repeating: 0, count: 12)
            for entry in relevant {
                monthly[entry.periodEnd.month - 1] += (try? Dose(mSv: entry.mSv).microsieverts) ?? 0
            }
            let chart = DoseChart(
                monthly: monthly, limit: DoseLimitsTable.irr17.annualLimit(for: workerClass, quantity),
                investigationLevel: levels.level(for: quantity), label: Self.label(quantity), year: year,
                lastMonth: year == today.year ? today.month : 12)
            let totals = chart.yearToDate
            return Chart(
                svg: chart.svg(id: "chart-\(quantity.rawValue)"), summary: chart.summary,
                months: (0..<12).map {
                    MonthRow(
                        month: Self.monthNames[$0], dose: Dose(microsieverts: monthly[$0]).mSvText,
                        yearToDate: Dose(microsieverts: totals[$0]).mSvText)
                })
        }
        entries = history.entries.filter { $0.periodEnd.year == year }
            .sorted { ($0.periodBegin, $0.quantity.rawValue) > ($1.periodBegin, $1.quantity.rawValue) }
            .map {
                EntryRow(
                    period: "\($0.periodBegin) to \($0.periodEnd)",
                    quantity: "\(Self.label($0.quantity.limited)) \($0.operationalQuantity)",
                    kind: $0.kind.rawValue, dose: $0.belowReportingLevel ? "below reporting level" : $0.mSv,
                    superseded: !$0.counts)
            }
        noEntries = entries.isEmpty
        totals = Self.totalRows(history)
        reportingPeriod = "\(history.reportingPeriod.begin) to \(history.reportingPeriod.end)"
    }

    static func totalRows(_ history: DoseHistory) -> [TotalRow] {
        history.totals.map {
            TotalRow(
                quantity: "\(Self.label($0.quantity.limited)) \($0.quantity.operationalQuantity)"
                    + ($0.quantity == .neutron ? ", neutron" : ""), period: $0.period,
                quarterToDate: $0.quarterToDate, yearToDate: $0.yearToDate, fiveYears: $0.fiveYears,
                lifetime: $0.lifetime)
        }
    }

    static func label(_ quantity: LimitedQuantity) -> String {
        switch quantity {
        case .effective: "Whole body (effective dose)"
        case .lens: "Lens of the eye"
        case .skin: "Skin"
        case .extremity: "Hands and feet (extremities)"
        }
    }
}

struct RecordsPage {
    struct Row {
        var employment: String
        var department: String
        var start: String
        var end: String
        var ended: Bool
        var designations: String
    }
    var rows: [Row]
    var classified: Bool

    init(_ person: PersonView) {
        rows = person.employments.map { job in
            Row(
                employment: job.id.description, department: job.department ?? "—", start: job.start.description,
                end: job.end?.description ?? "current", ended: job.end != nil,
                designations: job.designations.map { "\($0.designation.rawValue) from \($0.from)" }
                    .joined(separator: "; "))
        }
        classified = person.employments.contains {
            $0.designations.contains { $0.designation == .classified || $0.designation == .outsideWorker }
        }
    }
}

/// One ledger event as a wearer reads it.
struct AccessRow {
    var when: String
    var who: String
    var role: String
    var what: String
    var purpose: String
    var proven: Bool

    init(_ event: LedgerEventView) {
        when = event.occurredAt.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false))
        who = event.actor
        role = event.role
        what = Self.actions[event.action] ?? event.action
        purpose = event.purpose
        proven = event.proof?.verified ?? false
    }

    static let actions = [
        "person.read": "Read your details", "dose.read": "Read your dose record",
        "person.update-contact": "Changed your contact details", "person.register": "Registered you",
        "dose.record": "Added to your dose record", "person.export": "Exported your details",
        "access-history.read": "Looked at this page", "breach.plan": "Checked your record for a breach notice",
    ]
}

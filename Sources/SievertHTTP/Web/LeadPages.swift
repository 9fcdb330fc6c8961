import DoseCore
import Foundation
import Hummingbird
import SievertServices

/// An organisation's pages, for its lead (and the RPS administrator): wearers, dosemeters and issue lists, the
/// period dose report, alerts, and incidents affecting its people.
struct LeadPages {
    let sievert: Sievert

    static let organisation = RoutePolicy.only(.orgLead, .rpsAdmin, object: .organisation(parameter: "code"))
    static let person = RoutePolicy.only(.orgLead, .rpsAdmin, object: .person(parameter: "id"))

    static let labels = [
        "surname": "Surname", "forenames": "Forenames", "dateOfBirth": "Date of birth", "sex": "Sex",
        "nino": "National Insurance number", "staffNumber": "Staff number", "department": "Department",
        "startDate": "Start date", "designation": "Designation", "email": "Email address", "phone": "Telephone",
        "address": "Address", "postcode": "Postcode", "date": "Date", "state": "Next step", "note": "Note",
        "period": "Wear period starting", "q": "Search", "left-date": "Date the wearer left",
        "deceased-date": "Date of death", "position": "Body position", "frequency": "Wear period",
        "starts": "First day",
    ]

    func register(on routes: PortalRoutes) {
        routes.get("lead", .only(.orgLead, .rpsAdmin)) { portal in
            let caller = try portal.requireCaller()
            let organisations = try await sievert.organisations.list(by: caller)
            if organisations.count == 1, let only = organisations.first, caller.role == .orgLead {
                return redirect("/lead/\(only.code)")
            }
            return try portal.render(
                PortalPage("lead-organisations", title: "Your organisations", values: ["organisations": organisations]))
        }
        routes.get("lead/:code", Self.organisation) { portal in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            let organisation = try await sievert.organisations.get(code: code, by: caller)
            let alerts = try await sievert.alerts.list(organisation: code, by: caller).filter { $0.state != .closed }
            let unreturned = try await sievert.dosemeters.unreturned(organisation: code, by: caller)
            let incidents = try await sievert.incidents.affecting(organisationCode: code, by: caller)
            return try portal.render(
                PortalPage(
                    "lead-home", title: organisation.name,
                    values: LeadHome(
                        code: code, kind: organisation.kind.rawValue, openAlerts: alerts.count,
                        unreturned: unreturned.count, overdue: unreturned.filter(\.overdue).count,
                        incidents: incidents.count)))
        }
        registerWearers(on: routes)
        registerDosimetry(on: routes)
    }

    private func registerWearers(on routes: PortalRoutes) {
        routes.get("lead/:code/wearers", Self.organisation) { portal in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            if let text = portal.query("q") {
                let found = try await sievert.people.find(text, organisationCode: code, by: caller)
                return try portal.render(
                    PortalPage(
                        "lead-wearers", title: "Wearers",
                        values: WearerList(code: code, people: found, next: nil, query: text)))
            }
            let page = try await sievert.people.list(
                organisationCode: code, after: portal.query("after").flatMap(PersonID.init), limit: 50, by: caller)
            return try portal.render(
                PortalPage(
                    "lead-wearers", title: "Wearers",
                    values: WearerList(code: code, people: page.people, next: page.next, query: nil)))
        }
        routes.get("lead/:code/wearers/new", Self.organisation) { portal in
            let code = try portal.parameter("code").uppercased()
            return try portal.render(PortalPage("lead-register", title: "Register a wearer", values: ["code": code]))
        }
        routes.post("lead/:code/wearers/new", Self.organisation) { portal, form in
            let caller = try portal.requireCaller()
            let code = try portal.parameter("code").uppercased()
            var input = NewPerson(surname: form["surname"] ?? "")
            input.forenames = form["forenames"].nonEmpty
            input.dateOfBirth = form["dateOfBirth"].nonEmpty
            input.sex = form["sex"].nonEmpty
            input.nino = form["nino"].nonEmpty
            input.staffNumber = form["staffNumber"].nonEmpty
            input.department = form["department"].nonEmpty
            input.startDate = form["startDate"].nonEmpty
            input.designation = form["designation"].nonEmpty
            input.email = form["email"].nonEmpty
            input.phone = form["phone"].nonEmpty
            input.address = form["address"].nonEmpty
            input.postcode = form["postcode"].nonEmpty
            do {
                let person = try await sievert.people.register(input, in: code, by: caller)
                return redirect("/lead/\(code)/wearers/\(person.id)?done=registered")
            } catch let error as ServiceError where error.code == "invalid" {
                return try portal.render(
                    PortalPage("lead-register", title: "Register a wearer", values: ["code": code]), form: form,
                    problems: error.validationErrors, labels: Self.labels)
            }
        }
        routes.get("lead/:code/wearers/:id", Self.person) { portal in
            let (caller, code, id) = try Self.personPath(portal)
            return try await wearerPage(portal, caller, code, id, form: [:], problems: [])
        }
        routes.post("lead/:code/wearers/:id/contact", Self.person) { portal, form in
            let (caller, code, id) = try Self.personPath(portal)
            let patch = ContactPatch(
                email: form["email"] ?? "", phone: form["phone"] ?? "", address: form["address"] ?? "",
                postcode: form["postcode"] ?? "")
            do {
                let person = try await sievert.people.updateContact(id, patch, by: caller)
                guard person.organisationCode == code else { throw ServiceError.notFound("person") }
                return redirect("/lead/\(code)/wearers/\(id)?done=contact")
            } catch let error as ServiceError where error.code == "invalid" {
                return try await wearerPage(portal, caller, code, id, form: form, problems: error.validationErrors)
            }
        }
        routes.post("lead/:code/wearers/:id/assign", Self.person) { portal, form in
            let (caller, code, id) = try Self.personPath(portal)
            do {
                _ = try await sievert.dosemeters.assign(
                    [
                        NewAssignment(
                            person: id.description, position: form["position"] ?? "",
                            frequency: form["frequency"] ?? "", starts: form["starts"].nonEmpty)
                    ], organisation: code, by: caller)
                return redirect("/lead/\(code)/wearers/\(id)?done=assigned")
            } catch let error as ServiceError where error.code == "invalid" || error.code == "conflict" {
                let problems =
                    error.code == "invalid"
                    ? error.validationErrors.map {
                        ["position", "frequency", "starts"].contains($0.field)
                            ? $0 : ValidationError(field: "position", reason: $0.reason)
                    }
                    : [ValidationError(field: "position", reason: error.description)]
                return try await wearerPage(portal, caller, code, id, form: form, problems: problems)
            }
        }
        for (path, notice) in [("left", "left"), ("deceased", "deceased")] {
            routes.post("lead/:code/wearers/:id/\(path)", Self.person) { portal, form in
                let (caller, code, id) = try Self.personPath(portal)
                do {
                    let date: CalendarDate?
                    do {
                        date = try form["date"].nonEmpty.map { try CalendarDate(iso: $0) }
                    } catch {
                        throw ServiceError.invalid(field: "\(path)-date", "must be a date like 2026-11-24")
                    }
                    let person =
                        path == "left"
                        ? try await sievert.people.markLeft(id, on: date, by: caller)
                        : try await sievert.people.markDeceased(id, on: date, by: caller)
                    guard person.organisationCode == code else { throw ServiceError.notFound("person") }
                    return redirect("/lead/\(code)/wearers/\(id)?done=\(notice)")
                } catch let error as ServiceError where error.code == "invalid" {
                    // The field names the form's own date input, so the summary links to the right one.
                    let problems = error.validationErrors.map {
                        $0.field.hasSuffix("-date") ? $0 : ValidationError(field: "\(path)-date", reason: $0.reason)
                    }
                    return try await wearerPage(portal, caller, code, id, form: [:], problems: problems)
                }
            }
        }
    }

    /// A wearer's page; with problems, shown again after a form on it was refused.
    func wearerPage(
        _ portal: PortalRequest, _ caller: Caller, _ code: String, _ id: PersonID, form: [String: String],
        problems: [ValidationError]
    ) async throws -> Response {
        let person = try await sievert.people.get(id, by: caller)
        guard person.organisationCode == code else { throw ServiceError.notFound("person") }
        let history = try await sievert.doses.history(of: id, by: caller)
        let assignments = try await sievert.dosemeters.assignments(organisation: code, person: id, by: caller)
        let page = PortalPage(
            "lead-wearer", title: WearerDetail.name(person),
            values: WearerDetail(code: code, person: person, history: history, assignments: assignments))
        guard !problems.isEmpty else { return try portal.render(page) }
        return try portal.render(page, form: form, problems: problems, labels: Self.labels)
    }

    static func personPath(_ portal: PortalRequest) throws -> (Caller, String, PersonID) {
        guard let id = PersonID(try portal.parameter("id")) else { throw ServiceError.notFound("person") }
        return (try portal.requireCaller(), try portal.parameter("code").uppercased(), id)
    }
}

extension Optional where Wrapped == String {
    /// The text with surrounding spaces removed, or nil when that leaves nothing (an empty form field).
    var nonEmpty: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

struct LeadHome {
    var code: String
    var kind: String
    var openAlerts: Int
    var unreturned: Int
    var overdue: Int
    var incidents: Int
}

struct WearerList {
    struct Row {
        var id: String
        var name: String
        var staffNumber: String
        var department: String
        var status: String
    }
    var code: String
    var rows: [Row]
    var next: String?
    var query: String?
    var none: Bool

    init(code: String, people: [PersonView], next: PersonID?, query: String?) {
        self.code = code
        rows = people.map { person in
            Row(
                id: person.id.description, name: WearerDetail.name(person),
                staffNumber: person.employments.compactMap(\.staffNumber).joined(separator: ", "),
                department: person.employments.compactMap(\.department).joined(separator: ", "),
                status: person.status.rawValue)
        }
        self.next = next?.description
        self.query = query
        none = people.isEmpty
    }
}

struct WearerDetail {
    var code: String
    var id: String
    var name: String
    var dateOfBirth: String
    var nino: String
    var status: String
    var active: Bool
    var email: String
    var phone: String
    var address: String
    var postcode: String
    var employments: [RecordsPage.Row]
    var totals: [DoseHistoryPage.TotalRow]
    var assignments: [DosemetersPage.Assignment]
    var noAssignments: Bool

    static func name(_ person: PersonView) -> String {
        [person.forenames, person.surname].compactMap { $0 }.joined(separator: " ")
    }

    init(code: String, person: PersonView, history: DoseHistory, assignments: [AssignmentView]) {
        self.code = code
        id = person.id.description
        name = Self.name(person)
        dateOfBirth = person.dateOfBirth?.description ?? "not recorded"
        nino = person.ninoMasked ?? "not recorded"
        status = person.status.rawValue + (person.dateOfDeath.map { " (\($0))" } ?? "")
        active = person.status == .active
        email = person.email ?? ""
        phone = person.phone ?? ""
        address = person.address ?? ""
        postcode = person.postcode ?? ""
        employments = RecordsPage(person).rows
        totals = DoseHistoryPage.totalRows(history)
        self.assignments = assignments.map(DosemetersPage.Assignment.init)
        noAssignments = self.assignments.isEmpty
    }
}

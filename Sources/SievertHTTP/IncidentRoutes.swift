import DoseCore
import Foundation
import Hummingbird
import Interchange
import SievertServices

/// Breach response: the incident register with its 72-hour clock and decision log, scoping, planning, the
/// controllers' notices, the Art. 33 report draft, the notification lists, the Art. 34 letters and their delivery.
struct IncidentRoutes {
    let sievert: Sievert

    static let administrator = RoutePolicy.only(.rpsAdmin, object: .service)
    static let register = RoutePolicy.only(.rpsAdmin, .auditor)
    static let lists = RoutePolicy.only(.rpsAdmin, .orgLead)

    struct Declaration: Codable {
        var summary: String
        var source: IncidentSource?
        var occurredAt: String
        var awareAt: String?
        var contactPoint: String
        var consequences: String?
        var measures: String?
    }

    struct Decision: Codable {
        var kind: String
        var text: String
    }

    /// One way of scoping, by `kind`: `store-window` (from, to, keysCompromised), `principals` (principals,
    /// from, to), `people-file` or `lab-file` (content, dateFormat), `organisation-key` (organisation, version),
    /// `root-key` (version).
    struct ScopeRequest: Codable {
        var kind: String
        var from: String?
        var to: String?
        var keysCompromised: Bool?
        var principals: [String]?
        var content: String?
        var dateFormat: String?
        var organisation: String?
        var version: UInt32?
    }

    struct DeliveryUpdate: Codable {
        var delivery: String
    }

    func register(on routes: SecuredRoutes) {
        routes.get("incidents", Self.register) { _, context in
            JSON(value: try await sievert.incidents.list(by: try context.requireCaller()))
        }
        routes.post("incidents", Self.administrator) { request, context in
            let body = try await request.decodeJSON(Declaration.self, context: context)
            let input = NewIncident(
                summary: body.summary, source: body.source ?? .ownSystems,
                occurredAt: try Self.instant(body.occurredAt, field: "occurredAt"),
                awareAt: try body.awareAt.map { try Self.instant($0, field: "awareAt") } ?? Date(),
                contactPoint: body.contactPoint, consequences: body.consequences, measures: body.measures)
            return JSON(
                value: try await sievert.incidents.declare(input, by: try context.requireCaller()), status: .created)
        }
        routes.get("incidents/:incident", Self.register) { _, context in
            JSON(
                value: try await sievert.incidents.get(
                    try context.parameters.identifier("incident"), by: try context.requireCaller()))
        }
        routes.post("incidents/:incident/decisions", Self.administrator) { request, context in
            let body = try await request.decodeJSON(Decision.self, context: context)
            guard let kind = IncidentDecision.Kind(rawValue: body.kind) else {
                throw Problem.invalid([
                    ValidationError(field: "kind", reason: "must be note, reported, not-reported or closed")
                ])
            }
            return JSON(
                value: try await sievert.incidents.record(
                    kind, text: body.text, on: try context.parameters.identifier("incident"),
                    by: try context.requireCaller()))
        }
        routes.post("incidents/:incident/scope", Self.administrator) { request, context in
            let body = try await request.decodeJSON(ScopeRequest.self, context: context)
            return JSON(
                value: try await sievert.incidents.scope(
                    try context.parameters.identifier("incident"), by: try Self.scope(body),
                    caller: try context.requireCaller()))
        }
        routes.post("incidents/:incident/plan", Self.administrator) { _, context in
            JSON(
                value: try await sievert.incidents.plan(
                    try context.parameters.identifier("incident"), caller: try context.requireCaller()))
        }
        routes.post("incidents/:incident/notices", Self.administrator) { _, context in
            let count = try await sievert.incidents.notifyControllers(
                try context.parameters.identifier("incident"), by: try context.requireCaller())
            return JSON(value: ["queued": count])
        }
        routes.get("incidents/:incident/report", Self.register) { request, context in
            let format = try ReportFormat.parse(
                request.uri.queryParameters.get("format"), default: .json, allowed: [.html, .json])
            return ReportResponse(
                document: try await sievert.incidents.report(
                    try context.parameters.identifier("incident"), format: format, by: try context.requireCaller()))
        }
        routes.get("incidents/:incident/notifications", Self.lists) { request, context in
            let query = request.uri.queryParameters
            let format = try ReportFormat.parse(query.get("format"), default: .json, allowed: [.csv, .json])
            let id: IncidentID = try context.parameters.identifier("incident")
            let organisation = query.get("org").map { String($0) }
            let caller = try context.requireCaller()
            if format == .csv {
                return ReportResponse(
                    document: try await sievert.incidents.notificationCSV(
                        id, organisationCode: organisation, by: caller))
            }
            return ReportResponse(
                document: try await sievert.incidents.notificationJSON(id, organisationCode: organisation, by: caller))
        }
        routes.get("incidents/:incident/letters", Self.lists) { request, context in
            ReportResponse(
                document: try await sievert.incidents.letters(
                    try context.parameters.identifier("incident"),
                    organisationCode: request.uri.queryParameters.get("org").map { String($0) },
                    by: try context.requireCaller()))
        }
        routes.put("incidents/:incident/people/:person/delivery", Self.lists) { request, context in
            let body = try await request.decodeJSON(DeliveryUpdate.self, context: context)
            guard let delivery = LetterDelivery(rawValue: body.delivery) else {
                throw Problem.invalid([
                    ValidationError(field: "delivery", reason: "must be sent, returned or undeliverable")
                ])
            }
            let person: PersonID = try context.parameters.identifier("person")
            try await sievert.incidents.recordDelivery(
                delivery, of: person, on: try context.parameters.identifier("incident"),
                by: try context.requireCaller())
            return JSON(value: ["person": person.description, "delivery": delivery.rawValue])
        }
    }

    static func instant(_ text: String, field: String) throws -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw Problem.invalid([
                ValidationError(field: field, reason: "must be an ISO 8601 instant such as 2026-11-20T09:30:00Z")
            ])
        }
        return date
    }

    static func scope(_ body: ScopeRequest) throws -> BreachScope {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw Problem.invalid([ValidationError(field: field, reason: "is required")]) }
            return value
        }
        switch body.kind {
        case "store-window":
            return .storeWindow(
                from: try instant(try required(body.from, "from"), field: "from"),
                to: try body.to.map { try instant($0, field: "to") } ?? Date(),
                keysCompromised: body.keysCompromised ?? false)
        case "principals":
            return .principals(
                try required(body.principals, "principals"),
                from: try instant(try required(body.from, "from"), field: "from"),
                to: try body.to.map { try instant($0, field: "to") } ?? Date())
        case "people-file":
            return .peopleFile(name: "upload", bytes: Array(try required(body.content, "content").utf8))
        case "lab-file":
            guard let format = LabDateFormat(rawValue: body.dateFormat ?? "iso") else {
                throw Problem.invalid([
                    ValidationError(field: "dateFormat", reason: "must be iso, dayMonthYear or monthDayYear")
                ])
            }
            return .labFile(
                name: "upload", bytes: Array(try required(body.content, "content").utf8), dateFormat: format)
        case "organisation-key":
            return .organisationKey(
                code: try required(body.organisation, "organisation"), version: try required(body.version, "version"))
        case "root-key":
            return .rootKey(version: try required(body.version, "version"))
        default:
            throw Problem.invalid([
                ValidationError(
                    field: "kind",
                    reason: "must be store-window, principals, people-file, lab-file, organisation-key or root-key")
            ])
        }
    }
}

import DoseCore
import Hummingbird
import SievertServices

/// People and their employments: register, list within an organisation, get, open another employment,
/// update contact details, mark left, mark deceased; change a record's designation, record a pregnancy declared and
/// its end, record HSE's special authorisation.
struct PeopleRoutes {
    let sievert: Sievert

    struct DateBody: Codable {
        var date: String?
    }

    static let inOrganisation = RoutePolicy.only(.rpsAdmin, .orgLead, object: .organisation(parameter: "code"))
    static let manage = RoutePolicy.only(.rpsAdmin, .orgLead, object: .person(parameter: "id"))
    static let read = RoutePolicy.only(.rpsAdmin, .orgLead, .wearer, object: .person(parameter: "id"))
    static let authorise = RoutePolicy.only(.rpsAdmin, object: .person(parameter: "id"))

    func register(on routes: SecuredRoutes) {
        routes.post("organisations/:code/people", Self.inOrganisation) { request, context in
            let input = try await request.decodeJSON(NewPerson.self, context: context)
            let code = try context.parameters.require("code")
            let person = try await sievert.people.register(input, in: code, by: try context.requireCaller())
            return JSON(value: person, status: .created)
        }
        routes.get("organisations/:code/people", Self.inOrganisation) { request, context in
            let code = try context.parameters.require("code")
            var after: PersonID?
            if let text = request.uri.queryParameters.get("after") {
                guard let id = PersonID(text) else { throw Problem.badRequest("is not a valid id", field: "after") }
                after = id
            }
            var limit = 100
            if let text = request.uri.queryParameters.get("limit") {
                guard let value = Int(text), (1...500).contains(value) else {
                    throw Problem.badRequest("must be a whole number from 1 to 500", field: "limit")
                }
                limit = value
            }
            return JSON(
                value: try await sievert.people.list(
                    organisationCode: code, after: after, limit: limit, by: try context.requireCaller()))
        }
        routes.get("people/:id", Self.read) { _, context in
            let id: PersonID = try context.parameters.identifier("id")
            return JSON(value: try await sievert.people.get(id, by: try context.requireCaller()))
        }
        routes.post("people/:id/employments", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let input = try await request.decodeJSON(NewEmployment.self, context: context)
            return JSON(
                value: try await sievert.people.addEmployment(id, input, by: try context.requireCaller()),
                status: .created)
        }
        routes.get("people/:id/employments", Self.read) { _, context in
            let id: PersonID = try context.parameters.identifier("id")
            return JSON(value: try await sievert.people.get(id, by: try context.requireCaller()).employments)
        }
        routes.patch("people/:id/contact", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let patch = try await request.decodeJSON(ContactPatch.self, context: context)
            return JSON(value: try await sievert.people.updateContact(id, patch, by: try context.requireCaller()))
        }
        routes.post("people/:id/left", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let date = try await optionalDate(request, context: context)
            return JSON(value: try await sievert.people.markLeft(id, on: date, by: try context.requireCaller()))
        }
        routes.post("people/:id/deceased", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let date = try await optionalDate(request, context: context)
            return JSON(value: try await sievert.people.markDeceased(id, on: date, by: try context.requireCaller()))
        }
        registerRecordTerms(on: routes)
    }

    /// The terms of a dose record that decide its limits: designation, pregnancy, HSE's special authorisation.
    private func registerRecordTerms(on routes: SecuredRoutes) {
        routes.post("people/:id/designations", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let change = try await request.decodeJSON(DesignationChange.self, context: context)
            return JSON(value: try await sievert.doses.designate(id, change, by: try context.requireCaller()))
        }
        routes.post("people/:id/pregnancies", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let notice = try await request.decodeJSON(PregnancyNotice.self, context: context)
            return JSON(value: try await sievert.doses.declarePregnancy(id, notice, by: try context.requireCaller()))
        }
        routes.post("people/:id/pregnancies/end", Self.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let notice = try await request.decodeJSON(PregnancyNotice.self, context: context)
            return JSON(value: try await sievert.doses.endPregnancy(id, notice, by: try context.requireCaller()))
        }
        routes.post("people/:id/special-authorisations", Self.authorise) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let input = try await request.decodeJSON(SpecialAuthorisationInput.self, context: context)
            return JSON(value: try await sievert.doses.authorise(id, input, by: try context.requireCaller()))
        }
    }

    /// An optional `{"date": "YYYY-MM-DD"}` body; an empty body means "today".
    private func optionalDate(_ request: Request, context: SievertRequestContext) async throws -> CalendarDate? {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        let body = try await Request(head: request.head, body: .init(buffer: buffer)).decodeJSON(
            DateBody.self, context: context)
        guard let text = body.date else { return nil }
        do {
            return try CalendarDate(iso: text)
        } catch {
            throw Problem.invalid([ValidationError(field: "date", reason: error.reason)])
        }
    }
}

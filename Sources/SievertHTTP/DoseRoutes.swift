import DoseCore
import Hummingbird
import SievertServices

/// `/api/v1/people/{id}/doses`: a person's dose of record with its accumulations, and manual entries.
struct DoseRoutes {
    let sievert: Sievert

    func register(on routes: SecuredRoutes) {
        routes.get("people/:id/doses", PeopleRoutes.read) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            var asOf: CalendarDate?
            if let text = request.uri.queryParameters.get("asOf") {
                do { asOf = try CalendarDate(iso: text) } catch {
                    throw Problem.badRequest("must be a date YYYY-MM-DD", field: "asOf")
                }
            }
            return JSON(value: try await sievert.doses.history(of: id, asOf: asOf, by: try context.requireCaller()))
        }
        routes.post("people/:id/doses", PeopleRoutes.manage) { request, context in
            let id: PersonID = try context.parameters.identifier("id")
            let input = try await request.decodeJSON(NewDoseEntry.self, context: context)
            return JSON(
                value: try await sievert.doses.record(input, for: id, by: try context.requireCaller()), status: .created
            )
        }
    }
}

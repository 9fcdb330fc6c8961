import DoseCore
import Hummingbird
import SievertServices

/// `/api/v1/organisations`: register (service operator), list (the caller's organisations), get.
struct OrganisationRoutes {
    let sievert: Sievert

    func register(on routes: SecuredRoutes) {
        routes.post("organisations", .only(.rpsAdmin, object: .service)) { request, context in
            let input = try await request.decodeJSON(NewOrganisation.self, context: context)
            let organisation = try await sievert.organisations.register(input, by: try context.requireCaller())
            return JSON(value: organisation, status: .created)
        }
        routes.get("organisations", .only(.rpsAdmin, .orgLead)) { _, context in
            JSON(value: try await sievert.organisations.list(by: try context.requireCaller()))
        }
        routes.get("organisations/:code", .only(.rpsAdmin, .orgLead, object: .organisation(parameter: "code"))) {
            _, context in
            let code = try context.parameters.require("code")
            return JSON(value: try await sievert.organisations.get(code: code, by: try context.requireCaller()))
        }
    }
}

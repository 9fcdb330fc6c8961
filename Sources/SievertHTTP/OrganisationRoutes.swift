import DoseCore
import Hummingbird
import SievertServices

/// `/api/v1/organisations`: register (service operator), list (the caller's organisations), get.
struct OrganisationRoutes {
    let sievert: Sievert

    func register(on group: RouterGroup<SievertRequestContext>) {
        group.post("organisations") { request, context in
            let input = try await request.decodeJSON(NewOrganisation.self, context: context)
            let organisation = try await sievert.organisations.register(input, by: try context.requireCaller())
            return JSON(value: organisation, status: .created)
        }
        group.get("organisations") { _, context in
            JSON(value: try await sievert.organisations.list(by: try context.requireCaller()))
        }
        group.get("organisations/:code") { _, context in
            let code = try context.parameters.require("code")
            return JSON(value: try await sievert.organisations.get(code: code, by: try context.requireCaller()))
        }
    }
}

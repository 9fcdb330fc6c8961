import DoseCore
import Hummingbird
import SievertServices

/// IRR17 dose alerts and investigation levels: the list across the caller's organisations or of one, the
/// workflow steps, the levels, and a re-check of an organisation's year.
struct AlertRoutes {
    let sievert: Sievert

    static let inOrganisation = RoutePolicy.only(.rpsAdmin, .orgLead, object: .organisation(parameter: "code"))

    struct Recheck: Codable {
        var year: Int
    }

    func register(on routes: SecuredRoutes) {
        routes.get("alerts", .only(.rpsAdmin, .orgLead)) { request, context in
            JSON(
                value: try await sievert.alerts.list(
                    organisation: nil, state: request.uri.queryParameters.get("state").map { String($0) },
                    by: try context.requireCaller()))
        }
        routes.get("organisations/:code/alerts", Self.inOrganisation) { request, context in
            JSON(
                value: try await sievert.alerts.list(
                    organisation: try context.parameters.require("code"),
                    state: request.uri.queryParameters.get("state").map { String($0) }, by: try context.requireCaller())
            )
        }
        routes.post("alerts/:alert/steps", .only(.rpsAdmin, .orgLead)) { request, context in
            let id: AlertID = try context.parameters.identifier("alert")
            let step = try await request.decodeJSON(AlertStep.self, context: context)
            return JSON(value: try await sievert.alerts.move(id, step, by: try context.requireCaller()))
        }
        routes.post("organisations/:code/alerts/recheck", Self.inOrganisation) { request, context in
            let input = try await request.decodeJSON(Recheck.self, context: context)
            return JSON(
                value: try await sievert.alerts.recheck(
                    organisation: try context.parameters.require("code"), year: input.year,
                    by: try context.requireCaller()))
        }
        routes.get("organisations/:code/investigation-levels", Self.inOrganisation) { _, context in
            JSON(
                value: try await sievert.alerts.investigationLevels(
                    organisation: try context.parameters.require("code"), by: try context.requireCaller()))
        }
        routes.put("organisations/:code/investigation-levels", Self.inOrganisation) { request, context in
            let input = try await request.decodeJSON(InvestigationLevelsInput.self, context: context)
            return JSON(
                value: try await sievert.alerts.setInvestigationLevels(
                    input, organisation: try context.parameters.require("code"), by: try context.requireCaller()))
        }
    }
}

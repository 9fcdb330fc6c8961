import DoseCore
import Hummingbird
import SievertServices
import SievertStorage

/// `/api/v1/accounts` and `/api/v1/tokens`: accounts and API tokens, for the service operator (and org leads
/// creating their wearers' accounts).
struct AccountRoutes {
    let sievert: Sievert

    struct NewToken: Codable {
        var role: String
        var organisation: String?
        var days: Int?
    }

    struct IssuedToken: Codable {
        var id: String
        var token: String
    }

    func register(on routes: SecuredRoutes) {
        routes.post("accounts", .only(.rpsAdmin, .orgLead)) { request, context in
            let input = try await request.decodeJSON(NewAccount.self, context: context)
            return JSON(
                value: try await sievert.accounts.create(input, by: try context.requireCaller()), status: .created)
        }
        routes.get("accounts", .only(.rpsAdmin, object: .service)) { _, context in
            JSON(value: try await sievert.accounts.list(by: try context.requireCaller()))
        }
        routes.post("accounts/:id/disable", .only(.rpsAdmin, object: .service)) { _, context in
            let id: AccountID = try context.parameters.identifier("id")
            return JSON(value: try await sievert.accounts.disable(id, by: try context.requireCaller()))
        }
        routes.post("tokens", .only(.rpsAdmin, object: .service)) { request, context in
            let input = try await request.decodeJSON(NewToken.self, context: context)
            guard let role = Role(rawValue: input.role) else {
                throw Problem.invalid([ValidationError(field: "role", reason: "is not a role")])
            }
            let issued = try await sievert.tokens.issue(
                role: role, organisationCode: input.organisation, validFor: input.days, by: try context.requireCaller())
            return JSON(value: IssuedToken(id: issued.id, token: issued.token), status: .created)
        }
        routes.get("tokens", .only(.rpsAdmin, object: .service)) { _, context in
            JSON(value: try await sievert.tokens.list(by: try context.requireCaller()))
        }
        routes.delete("tokens/:id", .only(.rpsAdmin, object: .service)) { _, context in
            let id = try context.parameters.require("id")
            return JSON(value: try await sievert.tokens.revoke(id, by: try context.requireCaller()))
        }
    }
}

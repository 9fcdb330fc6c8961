import DoseCore
import Foundation
import Hummingbird
import SievertServices

/// Builds the router: `/health` and the JSON API under `/api/v1`.
public func buildRouter(_ sievert: Sievert) -> Router<SievertRequestContext> {
    let router = Router(context: SievertRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: NoStoreMiddleware())
    router.get("/health") { _, _ in HealthStatus(status: "ok") }
    let api = router.group("api/v1").add(middleware: TokenAuthenticationMiddleware(tokens: sievert.tokens))
    OrganisationRoutes(sievert: sievert).register(on: api)
    PeopleRoutes(sievert: sievert).register(on: api)
    return router
}

struct HealthStatus: ResponseCodable {
    var status: String
}

/// Wraps any Codable value so a handler can return it as JSON.
struct JSON<Value: Codable & Sendable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(value, from: request, context: context)
        response.status = status
        return response
    }
}

extension Parameters {
    /// A typed id from the path, or a 400 problem naming the parameter.
    func identifier<Tag>(_ name: String) throws -> Identifier<Tag> {
        guard let text = get(name), let id = Identifier<Tag>(text) else {
            throw Problem.badRequest("is not a valid id", field: name)
        }
        return id
    }
}

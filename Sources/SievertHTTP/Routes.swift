import DoseCore
import Foundation
import Hummingbird
import SievertServices

/// Builds the router: `/health`, `/ready`, `/metrics`, the JSON API under `/api/v1` and the portal.
public func buildRouter(
    _ sievert: Sievert, ledger: AuditLedger, metrics: MetricsExposition = MetricsExposition()
) -> Router<SievertRequestContext> {
    buildRouterWithPolicies(sievert, ledger: ledger, metrics: metrics).router
}

/// The router and the policy every one of its routes was declared with: the JSON API's and the portal's pages'.
public func buildRouterWithPolicies(
    _ sievert: Sievert, ledger: AuditLedger, metrics: MetricsExposition = MetricsExposition()
) -> (router: Router<SievertRequestContext>, policies: PolicyTable, pages: PolicyTable) {
    let router = Router(context: SievertRequestContext.self)
    let table = PolicyTable()
    let portalTable = PolicyTable()
    // Outermost, so every request is counted and logged with the status finally answered (errors are turned into
    // problem documents and error pages below), under the matched route's pattern, never the path.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestLogMiddleware())
    // Then the no-store and nosniff headers, on every response, error pages included.
    router.add(middleware: NoStoreMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(table: table))
    let root = router.group("")
    let open = SecuredRoutes(group: root, prefix: "", sievert: sievert, table: table)
    open.get("health", .open) { _, _ in
        HealthStatus(status: "ok")
    }
    // Ready when the store answers and the root key opens what is stored in it; 503 otherwise, so a load
    // balancer sends no traffic to an instance that cannot read or write records.
    open.get("ready", .open) { _, _ in
        let readiness = await sievert.keys.readiness()
        return JSON(value: readiness, status: readiness.status == "ready" ? .ok : .serviceUnavailable)
    }
    MetricsRoutes(exposition: metrics, ledger: ledger).register(on: open)
    OpenAPIRoutes().register(on: open)
    let api = router.group("api/v1").add(middleware: AuthenticationMiddleware(sievert: sievert))
    let routes = SecuredRoutes(group: api, prefix: "/api/v1", sievert: sievert, table: table)
    AuthRoutes(sievert: sievert).register(on: routes)
    AccountRoutes(sievert: sievert).register(on: routes)
    OrganisationRoutes(sievert: sievert).register(on: routes)
    PeopleRoutes(sievert: sievert).register(on: routes)
    DoseRoutes(sievert: sievert).register(on: routes)
    ReadingRoutes(sievert: sievert).register(on: routes)
    DosemeterRoutes(sievert: sievert).register(on: routes)
    AlertRoutes(sievert: sievert).register(on: routes)
    ReportRoutes(sievert: sievert).register(on: routes)
    IncidentRoutes(sievert: sievert).register(on: routes)
    AuditRoutes(queries: AuditQueries(store: sievert.store, ledger: ledger)).register(on: routes)
    Portal(sievert: sievert, ledger: ledger, forms: FormTokens()).register(on: router, table: portalTable)
    return (router, table, portalTable)
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

import HTTPTypes
import Hummingbird
import Logging
import SievertServices

/// Turns every error into `application/problem+json`. Unexpected errors are logged by type with the
/// request id (never their text, which could hold input) and answered with a bare 500.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.statusCode >= 500 {
                context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))"])
            }
            // An address outside the API (a mistyped portal page) gets the portal's own error page, not JSON.
            let path = request.uri.path
            if !path.hasPrefix("/api/"), path != "/health", path != "/ready", path != "/metrics",
                path != "/openapi.json"
            {
                var response = try PortalRoutes.errorPage(
                    error, portal: PortalRequest(request: request, context: context, csrf: ""))
                PortalHeadersMiddleware.apply(to: &response)
                return response
            }
            return try problem.response(from: request, context: context)
        }
    }
}

/// Resolves `Authorization: Bearer <API token>` or the session cookie to a caller; requests with neither stay
/// anonymous (only open routes answer them). A bearer token that is not valid is refused outright; a session
/// cookie that has expired is simply not a session.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext
    let sievert: Sievert

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "),
                let caller = try await sievert.tokens.authenticate(String(header.dropFirst(7)), requestID: context.id)
            else { throw Problem.unauthorized }
            context.caller = caller
        } else if let token = request.cookies[AuthRoutes.cookieName]?.value,
            let caller = try await sievert.signIn.authenticate(session: token, requestID: context.id)
        {
            context.caller = caller
            context.sessionToken = token
        }
        if let caller = context.caller { context.logger[metadataKey: "actor"] = "\(caller.actor)" }
        return try await next(request, context)
    }
}

/// Marks every API response as not to be cached: they carry personal data.
struct NoStoreMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        if let name = HTTPField.Name("X-Content-Type-Options") { response.headers[name] = "nosniff" }
        return response
    }
}

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
            return try problem.response(from: request, context: context)
        }
    }
}

/// Resolves `Authorization: Bearer <token>` to a caller; requests without one stay anonymous.
struct TokenAuthenticationMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext
    let tokens: AccessTokens

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.hasPrefix("Bearer "),
                let caller = try await tokens.authenticate(String(header.dropFirst(7)), requestID: context.id)
            else { throw Problem.unauthorized }
            context.caller = caller
            context.logger[metadataKey: "actor"] = "\(caller.actor)"
        }
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

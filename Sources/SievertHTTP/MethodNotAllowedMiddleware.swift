import HTTPTypes
import Hummingbird

/// Answers 405 with `Allow` when a JSON API path exists but not for the request's method (RFC 9110 §15.5.6); the
/// router alone answers 404 for both. The portal's pages keep their 404 page.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext
    /// The API's routes, `METHOD /path` with `{name}` parameters, declared as they are added.
    let table: PolicyTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = Self.methods(for: request.uri.path, in: table.policies.keys)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { throw error }
            var problem = Problem(
                status: .methodNotAllowed, type: "method-not-allowed", title: "Method not allowed",
                detail: "\(request.method.rawValue) is not allowed here")
            problem.allow = allowed.sorted().joined(separator: ", ")
            throw problem
        }
    }

    /// The methods of the route the router would pick for `path`: of the patterns that match, the one with
    /// literal segments earliest (as the router's trie prefers a literal to a parameter); HEAD wherever GET is.
    static func methods(for path: String, in routes: some Sequence<String>) -> Set<String> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: [Bool]?
        var methods: Set<String> = []
        for route in routes {
            let parts = route.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let pattern = parts[1].split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == segments.count else { continue }
            var literal: [Bool] = []
            var matches = true
            for (expected, actual) in zip(pattern, segments) {
                if expected.hasPrefix("{") {
                    literal.append(false)
                } else if expected == actual {
                    literal.append(true)
                } else {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            // At the first segment where two patterns differ, the one with a literal there wins.
            if best.map({ current in literal.lexicographicallyPrecedes(current, by: { $0 && !$1 }) }) ?? true {
                best = literal
                methods = []
            }
            if literal == best { methods.insert(String(parts[0])) }
        }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods
    }
}

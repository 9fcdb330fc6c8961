import Foundation
import HTTPTypes
import Hummingbird
import SievertServices
import Synchronization

/// Every route's declared policy, keyed `METHOD /path` as the router describes its routes.
public final class PolicyTable: Sendable {
    private let table = Mutex<[String: RoutePolicy]>([:])

    /// The declared policies.
    public var policies: [String: RoutePolicy] { table.withLock { $0 } }

    func declare(_ key: String, _ policy: RoutePolicy) {
        table.withLock { $0[key] = policy }
    }
}

/// Adds routes with their policy: the only way a route is added. The policy is checked before the handler runs;
/// a denial is answered 403 (role) or 404 (object outside the caller's scope) and recorded in the ledger.
struct SecuredRoutes {
    let group: RouterGroup<SievertRequestContext>
    /// The group's path, e.g. `/api/v1`, to name routes as the router does.
    let prefix: String
    let sievert: Sievert
    let table: PolicyTable

    func get<Output: ResponseGenerator>(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (Request, SievertRequestContext) async throws -> Output
    ) {
        on(.get, path, policy, handler)
    }

    func post<Output: ResponseGenerator>(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (Request, SievertRequestContext) async throws -> Output
    ) {
        on(.post, path, policy, handler)
    }

    func patch<Output: ResponseGenerator>(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (Request, SievertRequestContext) async throws -> Output
    ) {
        on(.patch, path, policy, handler)
    }

    func put<Output: ResponseGenerator>(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (Request, SievertRequestContext) async throws -> Output
    ) {
        on(.put, path, policy, handler)
    }

    func delete<Output: ResponseGenerator>(
        _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (Request, SievertRequestContext) async throws -> Output
    ) {
        on(.delete, path, policy, handler)
    }

    private func on<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ policy: RoutePolicy,
        _ handler: @escaping @Sendable (Request, SievertRequestContext) async throws -> Output
    ) {
        let full = prefix.isEmpty ? path : prefix + "/" + path
        let key = "\(method) \(RouterPath(full))"
        table.declare(key, policy)
        let access = sievert.access
        group.on(RouterPath(path), method: method) { request, context in
            if policy.roles != nil {
                try await access.enforce(policy, caller: try context.requireCaller(), route: key, context: context)
            }
            do {
                return try await handler(request, context)
            } catch let error as ServiceError where error.code == "forbidden" {
                // A use case refusing the caller is an authorisation denial too: it is recorded the same way.
                if let caller = context.caller {
                    try await access.recordDenial(
                        caller, route: key, subject: policy.objectParameter.flatMap { context.parameters.get($0) })
                }
                throw error
            }
        }
    }
}

extension RoutePolicy {
    /// The path parameter naming the object the route acts on, if any.
    var objectParameter: String? {
        switch object {
        case .organisation(let name), .person(let name): name
        case .none, .service: nil
        }
    }
}

extension AccessPolicy {
    /// Lets the call through or throws: 400 for a malformed object id, 403 for a role the route does not admit,
    /// 404 for an object outside the caller's scope; each denial is recorded in the ledger first. The API and the
    /// portal both check their routes here.
    func enforce(_ policy: RoutePolicy, caller: Caller, route: String, context: SievertRequestContext) async throws {
        let decision = try await decide(policy, caller: caller) { context.parameters.get($0) }
        if case .malformed(let parameter) = decision {
            throw Problem.badRequest("is not a valid id", field: parameter)
        }
        guard decision != .allowed else { return }
        try await recordDenial(
            caller, route: route, subject: policy.objectParameter.flatMap { context.parameters.get($0) })
        if decision == .forbidden {
            throw Problem(
                status: .forbidden, type: "forbidden", title: "Forbidden",
                detail: "the \(caller.role.rawValue) role may not do this")
        }
        throw Problem(status: .notFound, type: "not-found", title: "Not found", detail: "no such record")
    }
}

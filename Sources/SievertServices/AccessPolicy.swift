import DoseCore
import Foundation
import SievertStorage

/// Who may call a route: the roles allowed and the object the route acts on. Every route declares one; the
/// HTTP layer refuses to register a route without it, and a test checks them all against a declared matrix.
public struct RoutePolicy: Sendable, Hashable, CustomStringConvertible {
    /// The object a route acts on, named by a path parameter, that the caller must cover.
    public enum Object: Sendable, Hashable {
        /// Nothing beyond the role.
        case none
        /// An organisation by code: the caller must cover it.
        case organisation(parameter: String)
        /// A person by id: in the caller's organisations, or the wearer themself.
        case person(parameter: String)
        /// Service-wide data: only a caller covering every organisation (the service operator, auditors).
        case service
    }

    /// Nil for a public route (sign-in, enrolment, health).
    public let roles: Set<Role>?
    public let object: Object

    /// Open to anyone, signed in or not.
    public static let open = RoutePolicy(roles: nil, object: .none)
    /// Any signed-in caller, whatever the role.
    public static let signedIn = RoutePolicy(roles: Set(Role.allCases), object: .none)

    public static func only(_ roles: Role..., object: Object = .none) -> RoutePolicy {
        RoutePolicy(roles: Set(roles), object: object)
    }

    public var description: String {
        guard let roles else { return "open" }
        return roles.map(\.rawValue).sorted().joined(separator: ",") + " on \(object)"
    }
}

/// Evaluates route policies against a caller and records every denial in the ledger.
public struct AccessPolicy: Sendable {
    let store: any RecordStore
    let clock: @Sendable () -> Date

    /// What a policy check decided.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// The role may not call the route at all (403).
        case forbidden
        /// The object is outside the caller's scope; answered as not found so its existence is not revealed.
        case outOfScope
        /// The path parameter naming the object is not a valid id (400, naming the parameter).
        case malformed(parameter: String)
    }

    /// Decides whether `caller` may call a route with `policy`, given the values of its path parameters.
    public func decide(_ policy: RoutePolicy, caller: Caller, parameter: (String) -> String?) async throws -> Decision {
        guard let roles = policy.roles else { return .allowed }
        guard roles.contains(caller.role) else { return .forbidden }
        let everything = caller.organisations == .all
        switch policy.object {
        case .none:
            return .allowed
        case .service:
            return everything || caller.role == .auditor ? .allowed : .forbidden
        case .organisation(let name):
            if everything { return .allowed }
            guard let code = parameter(name),
                let row = try await store.organisation(code: code.uppercased(), scope: caller.scope)
            else { return .outOfScope }
            return caller.covers(row.id) ? .allowed : .outOfScope
        case .person(let name):
            guard let text = parameter(name), let id = PersonID(text) else { return .malformed(parameter: name) }
            if caller.role == .wearer { return caller.person == id ? .allowed : .outOfScope }
            if everything { return .allowed }
            return try await store.person(id: id, scope: caller.scope) == nil ? .outOfScope : .allowed
        }
    }

    /// Appends an `authz.deny` event naming the caller, the route and the object asked for.
    public func recordDenial(_ caller: Caller, route: String, subject: String?) async throws {
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "authz.deny", subject: subject.map(Self.printable), organisation: nil,
                purpose: Self.printable(route), at: clock(), outcome: "denied")
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
    }

    // Ledger fields are printable ASCII without spaces, at most 256 bytes; a hostile path parameter must not
    // break the event that records it.
    static func printable(_ text: String) -> String {
        let bytes = text.utf8.prefix(200).map { byte -> UInt8 in
            (byte > 0x20 && byte < 0x7F) ? byte : UInt8(ascii: "_")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

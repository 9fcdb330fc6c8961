import DoseCore
import SievertStorage

/// The roles of DESIGN.md §Security 9.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case rpsAdmin = "rps-admin"
    case orgLead = "org-lead"
    case wearer
    case lab
    case auditor
}

/// Who is calling a use case, in which role, over which organisations, for which request.
///
/// HTTP builds one from the authenticated token; the CLI builds one for the operator at the console.
public struct Caller: Sendable, Hashable {
    /// A stable, non-personal principal id, e.g. `token:1f2e…` or `cli:operator`.
    public let actor: String
    public let role: Role
    public let organisations: StoreScope.Organisations
    /// Correlates the audit events and log lines of one request.
    public let requestID: String
    /// The person a `wearer` is; nil for every other role.
    public let person: PersonID?
    /// The signed-in account, when the caller holds a session rather than an API token.
    public let account: AccountID?

    public init(
        actor: String, role: Role, organisations: StoreScope.Organisations, requestID: String,
        person: PersonID? = nil, account: AccountID? = nil
    ) {
        self.actor = actor
        self.role = role
        self.organisations = organisations
        self.requestID = requestID
        self.person = person
        self.account = account
    }

    /// Whether the caller covers `organisation`.
    public func covers(_ organisation: OrganisationID) -> Bool {
        scope.permits(organisation)
    }

    /// Whether the role needs a second factor to sign in (DESIGN.md §Security 9).
    public static func requiresTwoFactor(_ role: Role) -> Bool {
        role == .rpsAdmin || role == .orgLead
    }

    /// The store scope this caller's calls run under.
    public var scope: StoreScope { StoreScope(actor: actor, organisations: organisations) }

    /// The operator at the console of the machine holding the root key: the service's own scope.
    public static func console(requestID: String = "cli") -> Caller {
        Caller(actor: "cli:operator", role: .rpsAdmin, organisations: .all, requestID: requestID)
    }
}

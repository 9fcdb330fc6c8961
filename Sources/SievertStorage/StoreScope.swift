import DoseCore

/// Who is asking the store, and which organisations' rows they may touch.
///
/// Every store call takes one. An empty scope sees nothing and may write nothing: that is what
/// "missing scope returns nothing" means in the contract suite, on both stores.
public struct StoreScope: Sendable, Hashable {
    /// Which organisations a scope covers.
    public enum Organisations: Sendable, Hashable {
        /// Only these organisations (possibly none).
        case only(Set<OrganisationID>)
        /// Every organisation: the service operator's own work (registration, demo data, key rotation).
        case all
    }

    /// The principal on whose behalf the call is made; recorded in audit events.
    public let actor: String
    /// The organisations the call may read or write.
    public let organisations: Organisations

    /// A scope for one principal over a set of organisations.
    public init(actor: String, organisations: Organisations) {
        self.actor = actor
        self.organisations = organisations
    }

    /// A scope limited to one organisation.
    public static func organisation(_ id: OrganisationID, actor: String) -> StoreScope {
        StoreScope(actor: actor, organisations: .only([id]))
    }

    /// The service operator's scope over every organisation.
    public static func service(actor: String) -> StoreScope {
        StoreScope(actor: actor, organisations: .all)
    }

    /// A scope that covers nothing.
    public static let none = StoreScope(actor: "", organisations: .only([]))

    /// Whether this scope may touch rows of `organisation`.
    public func permits(_ organisation: OrganisationID) -> Bool {
        switch organisations {
        case .all: true
        case .only(let ids): ids.contains(organisation)
        }
    }

    /// The organisations covered, or nil when the scope covers all of them.
    public var organisationIDs: Set<OrganisationID>? {
        switch organisations {
        case .all: nil
        case .only(let ids): ids
        }
    }
}

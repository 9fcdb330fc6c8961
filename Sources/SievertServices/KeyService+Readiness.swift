import Foundation
import SievertStorage
import Vault

/// Whether the service can do its work: what `/ready` reports.
public struct Readiness: Codable, Sendable, Hashable {
    /// `ready` or `not-ready`.
    public var status: String
    /// The store answered a query.
    public var store: Bool
    /// The root key unwrapped the stored service key, so records can be opened.
    public var keys: Bool

    public init(status: String, store: Bool, keys: Bool) {
        self.status = status
        self.store = store
        self.keys = keys
    }
}

extension KeyService {
    /// Checks, without touching anyone's record, that the store answers and that the root key in use still
    /// unwraps the service key stored in it (a root key from another deployment, or a rotated-away one, would not).
    /// Never throws: a failure is reported as not ready, its reason left to the logs of the call that failed.
    public func readiness() async -> Readiness {
        var storeOK = false
        var keysOK = false
        do {
            _ = try await store.lastAuditSequence()
            storeOK = true
            let context = Self.serviceKeyContext(Self.blindIndexKeyName)
            if let first = try await store.serviceKeys(named: Self.blindIndexKeyName).first {
                _ = try KeyWrap.unwrapDataKey(first.wrapped, with: try root, context: context)
                keysOK = true
            }
        } catch {
            // Reported as not ready below.
        }
        return Readiness(status: storeOK && keysOK ? "ready" : "not-ready", store: storeOK, keys: keysOK)
    }
}

/// Which key versions are in use: the root keyset and each organisation's, for the operator's status page.
public struct KeyStatus: Sendable, Hashable {
    public struct Versions: Sendable, Hashable {
        /// Whose keys: `root` or an organisation code.
        public var owner: String
        /// The version new writes use.
        public var primary: String
        /// Every version held (primary included), oldest first.
        public var versions: [String]
        /// Versions kept only to read what is still under them.
        public var retired: [String]
    }

    public var root: Versions
    public var organisations: [Versions]
}

extension KeyService {
    /// The root keyset's versions and every organisation's (rps-admin over every organisation only). Versions
    /// are numbers, not keys: nothing secret leaves the vault.
    public func status(by caller: Caller) async throws -> KeyStatus {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator reads key status")
        }
        func versions(_ owner: String, _ keyset: Keyset) -> KeyStatus.Versions {
            KeyStatus.Versions(
                owner: owner, primary: keyset.primaryVersion.description,
                versions: keyset.versions.sorted().map(\.description),
                retired: keyset.retiredVersions.sorted().map(\.description))
        }
        var organisations: [KeyStatus.Versions] = []
        for row in try await store.organisations(scope: caller.scope).sorted(by: { $0.code < $1.code }) {
            organisations.append(versions(row.code, try await organisationKeyset(row.id, scope: caller.scope)))
        }
        return KeyStatus(root: versions("root", try root), organisations: organisations)
    }
}

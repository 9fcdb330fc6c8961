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
            let context = AssociatedData(
                organisation: "_service", table: "service_keys", column: "key", row: Self.blindIndexKeyName)
            if let first = try await store.serviceKeys(named: Self.blindIndexKeyName).first {
                _ = try KeyWrap.unwrapDataKey(first.wrapped, with: root, context: context)
                keysOK = true
            }
        } catch {
            // Reported as not ready below.
        }
        return Readiness(status: storeOK && keysOK ? "ready" : "not-ready", store: storeOK, keys: keysOK)
    }
}

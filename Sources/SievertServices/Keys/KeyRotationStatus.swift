import DoseCore
import SievertStorage
import Vault

/// Where each keyset's rotation stands: its versions, how many stored keys and sealed values are under each, and
/// which versions can be retired. Numbers only: nothing secret and nothing personal.
public struct KeyRotationStatus: Sendable, Hashable, Codable {
    /// One keyset: the root, or an organisation's.
    public struct Keyset: Sendable, Hashable, Codable {
        /// `root` or an organisation code.
        public var owner: String
        /// The version new writes use.
        public var primary: UInt32
        /// Versions held, oldest first.
        public var versions: [UInt32]
        /// Stored keys and sealed values under each version, including versions no longer held.
        public var rowsByVersion: [UInt32: Int]
        /// Versions that can be retired now: held, not primary, nothing under them.
        public var retirable: [UInt32]
        /// Rows under versions the keyset no longer holds (unreadable: shredded or retired too early).
        public var unreadable: Int
        /// Rows still to rewrap or re-seal under the primary.
        public var remainingToRewrap: Int
    }

    public var root: Keyset
    public var organisations: [Keyset]

    static func keyset(owner: String, keyset: Vault.Keyset, rows: [KeyInventory.Count]) -> Keyset {
        var counts: [UInt32: Int] = [:]
        for row in rows { counts[row.version, default: 0] += row.count }
        let plan = RotationPlan(
            keyset: keyset,
            countByWrappingVersion: Dictionary(uniqueKeysWithValues: counts.map { (KeyVersion($0.key), $0.value) }))
        return Keyset(
            owner: owner, primary: keyset.primaryVersion.rawValue, versions: keyset.versions.map(\.rawValue),
            rowsByVersion: counts, retirable: plan.retirableVersions.map(\.rawValue), unreadable: plan.unreadable,
            remainingToRewrap: plan.remainingToRewrap)
    }
}

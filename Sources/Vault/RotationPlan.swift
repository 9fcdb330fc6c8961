/// Where a rotation stands: how many wrapped keys are still under each version of a keyset, and which versions
/// can be retired without making anything unreadable.
///
/// Built from the clear `wrappingVersion` column of the wrapped-key rows, so the check needs no decryption.
/// The CLI's `keys status` shows it; `keys retire` refuses unless ``canRetire(_:)``.
public struct RotationPlan: Sendable, Hashable {
    /// The version new keys are wrapped under.
    public let primaryVersion: KeyVersion
    /// The versions the keyset can still decrypt with, oldest first.
    public let liveVersions: [KeyVersion]
    /// How many wrapped keys name each wrapping version (including versions no longer in the keyset).
    public let countByWrappingVersion: [KeyVersion: Int]

    /// Counts the given wrapping versions against `keyset`.
    public init(keyset: Keyset, wrappingVersions: some Sequence<KeyVersion>) {
        self.primaryVersion = keyset.primaryVersion
        self.liveVersions = keyset.versions
        var counts: [KeyVersion: Int] = [:]
        for version in wrappingVersions {
            counts[version, default: 0] += 1
        }
        self.countByWrappingVersion = counts
    }

    /// Takes counts already made (by a database's `GROUP BY`, say) against `keyset`.
    public init(keyset: Keyset, countByWrappingVersion counts: [KeyVersion: Int]) {
        self.primaryVersion = keyset.primaryVersion
        self.liveVersions = keyset.versions
        self.countByWrappingVersion = counts.filter { $0.value > 0 }
    }

    /// Wrapped keys under `version`.
    public func remaining(under version: KeyVersion) -> Int {
        countByWrappingVersion[version] ?? 0
    }

    /// Wrapped keys still under a live version other than the primary: the rewrap step's work left.
    public var remainingToRewrap: Int {
        liveVersions.filter { $0 != primaryVersion }.reduce(0) { $0 + remaining(under: $1) }
    }

    /// Wrapped keys under versions the keyset no longer has: already unreadable (retired too early, or
    /// deliberately shredded).
    public var unreadable: Int {
        countByWrappingVersion.filter { !liveVersions.contains($0.key) }.reduce(0) { $0 + $1.value }
    }

    /// Whether the rewrap step is finished: everything readable is under the primary.
    public var isRewrapComplete: Bool {
        remainingToRewrap == 0
    }

    /// Whether retiring `version` is safe: it is live, not primary, and nothing is wrapped under it.
    public func canRetire(_ version: KeyVersion) -> Bool {
        version != primaryVersion && liveVersions.contains(version) && remaining(under: version) == 0
    }

    /// Every version that ``canRetire(_:)``.
    public var retirableVersions: [KeyVersion] {
        liveVersions.filter(canRetire)
    }
}

import DoseCore
import Foundation

/// A column holding values sealed directly under an organisation's keyset (not under a person's data key), so
/// rotating the organisation key must re-seal them before the old version can be retired.
///
/// Every such value is bound to `organisation | table | column | row id`, the row id being the row's `id` column
/// as lowercase text.
public enum OrganisationSealedColumn: String, CaseIterable, Sendable, Hashable, Codable {
    case organisationContacts = "organisations.contacts"
    case labReadingCells = "lab_readings.cells"
    case doseAlerts = "dose_alerts.alert"
    case mailMessages = "mail_outbox.message"

    /// The table the column belongs to.
    public var table: String { String(rawValue.prefix { $0 != "." }) }
    /// The column's name.
    public var column: String { String(rawValue.drop { $0 != "." }.dropFirst()) }
    /// The column naming the row's organisation (an organisation's own row is keyed by its id).
    public var organisationColumn: String { self == .organisationContacts ? "id" : "organisation_id" }
}

/// One sealed value read for re-sealing: its row id (lowercase text) and its bytes.
public struct SealedValue: Sendable, Hashable {
    public var organisationID: OrganisationID
    public var rowID: String
    public var bytes: [UInt8]

    public init(organisationID: OrganisationID, rowID: String, bytes: [UInt8]) {
        self.organisationID = organisationID
        self.rowID = rowID
        self.bytes = bytes
    }
}

/// A person's wrapped data key.
public struct PersonKeyRow: Sendable, Hashable {
    public var personID: PersonID
    public var organisationID: OrganisationID
    public var key: WrappedKeyRow

    public init(personID: PersonID, organisationID: OrganisationID, key: WrappedKeyRow) {
        self.personID = personID
        self.organisationID = organisationID
        self.key = key
    }
}

/// How many stored keys and sealed values sit under each version, read from clear columns and envelope headers:
/// what rotation status shows and what retirement checks, without decrypting anything.
public struct KeyInventory: Sendable, Hashable {
    /// A count of rows under one version.
    public struct Count: Sendable, Hashable {
        /// Whose rows: an organisation's id, or nil for service-wide keys.
        public var organisationID: OrganisationID?
        /// What is counted: `organisation_keys`, `person_keys`, `service_keys` or an ``OrganisationSealedColumn``.
        public var kind: String
        /// The version of the key the rows are wrapped or sealed under.
        public var version: UInt32
        public var count: Int

        public init(organisationID: OrganisationID?, kind: String, version: UInt32, count: Int) {
            self.organisationID = organisationID
            self.kind = kind
            self.version = version
            self.count = count
        }
    }

    /// Organisation key rows and service key rows by the root version wrapping them.
    public var underRoot: [Count]
    /// Person keys by the organisation key version wrapping them, and sealed values by the version sealing them.
    public var underOrganisationKeys: [Count]

    public init(underRoot: [Count], underOrganisationKeys: [Count]) {
        self.underRoot = underRoot
        self.underOrganisationKeys = underOrganisationKeys
    }

    /// Rows under root version `version`.
    public func underRoot(version: UInt32) -> Int {
        underRoot.filter { $0.version == version }.reduce(0) { $0 + $1.count }
    }

    /// Rows of `organisation` under its key version `version`.
    public func under(organisation: OrganisationID, version: UInt32) -> Int {
        underOrganisationKeys.filter { $0.organisationID == organisation && $0.version == version }
            .reduce(0) { $0 + $1.count }
    }
}

/// Key maintenance written with its audit events in one change set: rewraps and re-seals (compare-and-swap on
/// the old value, so a concurrent change makes the whole set a conflict instead of being overwritten), retired
/// organisation key versions, and shredded people's data keys.
public struct KeyMaintenance: Sendable {
    /// An organisation key version rewrapped under another root version.
    public var organisationKeyRewraps: [(organisationID: OrganisationID, old: WrappedKeyRow, new: WrappedKeyRow)] = []
    /// A service-wide key rewrapped under another root version.
    public var serviceKeyRewraps: [(name: String, old: WrappedKeyRow, new: WrappedKeyRow)] = []
    /// Person data keys rewrapped under another organisation key version.
    public var personKeyRewraps: [(old: PersonKeyRow, new: WrappedKeyRow)] = []
    /// Values re-sealed under another organisation key version.
    public var resealed: [(column: OrganisationSealedColumn, old: SealedValue, new: [UInt8])] = []
    /// Organisation key versions deleted after nothing is left under them.
    public var retiredOrganisationKeys: [(organisationID: OrganisationID, version: UInt32)] = []
    /// People whose data key is deleted, making every value sealed under it unreadable (end of retention).
    public var shreddedPeople: [(personID: PersonID, organisationID: OrganisationID)] = []

    public init() {}

    /// Whether anything is to be written.
    public var isEmpty: Bool {
        organisationKeyRewraps.isEmpty && serviceKeyRewraps.isEmpty && personKeyRewraps.isEmpty && resealed.isEmpty
            && retiredOrganisationKeys.isEmpty && shreddedPeople.isEmpty
    }

    /// Organisations whose rows are written.
    public var touchedOrganisations: Set<OrganisationID> {
        var ids = Set(organisationKeyRewraps.map(\.organisationID))
        ids.formUnion(personKeyRewraps.map(\.old.organisationID))
        ids.formUnion(resealed.map(\.old.organisationID))
        ids.formUnion(retiredOrganisationKeys.map(\.organisationID))
        ids.formUnion(shreddedPeople.map(\.organisationID))
        return ids
    }
}

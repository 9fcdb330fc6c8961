import DoseCore
import Foundation
import SievertStorage
import Synchronization
import Vault

/// Holds the root keyset and the unwrapped organisation keys and blind indexer derived from it.
///
/// The root keyset never touches the store; organisation keys and the blind-index master key are
/// stored only wrapped. Unwrapped organisation keysets are cached in memory and checked against the store at most
/// once per ``refreshInterval``, and the root keyset is asked again of its source when the source may have
/// changed: so a key rotation run by another process (`sievert keys …`) reaches a running server within that
/// interval, which is how long a rotation waits between adding a version and rewrapping under it (Tink's order).
public final class KeyService: Sendable {
    /// Name of the service-wide blind-index master key in the store.
    static let blindIndexKeyName = "blind-index"
    /// How long a cached organisation keyset or root keyset is trusted before it is checked again.
    public static let refreshInterval: Duration = .seconds(1)

    let rootSource: any RootKeySource
    private let rootState: Mutex<(keyset: Keyset, checkedAt: ContinuousClock.Instant)>
    let store: any RecordStore
    /// Blind indexes of the NINO, the staff number (bound to the organisation) and import record ids.
    public let indexer: BlindIndexer
    let fields: BlindIndexFields
    /// Seals account login names and TOTP secrets.
    let accountSealer: Sealer
    /// Seals breach incidents (summaries and decision logs may name people or systems).
    let incidentSealer: Sealer
    private let cache = Mutex<[OrganisationID: CachedKeyset]>([:])

    private struct CachedKeyset {
        var keyset: Keyset
        var rows: [WrappedKeyRow]
        var checkedAt: ContinuousClock.Instant
    }

    private init(
        root: Keyset, source: any RootKeySource, store: any RecordStore, indexer: BlindIndexer, accountKey: DataKey,
        incidentKey: DataKey, fields: BlindIndexFields
    ) {
        self.rootSource = source
        self.rootState = Mutex((root, .now))
        self.store = store
        self.indexer = indexer
        self.accountSealer = Sealer(dataKey: accountKey)
        self.incidentSealer = Sealer(dataKey: incidentKey)
        self.fields = fields
    }

    /// The root keyset in force, asked again of its source when it may have changed.
    var root: Keyset {
        get throws {
            let stale = rootState.withLock { state in
                guard state.checkedAt.duration(to: .now) >= Self.refreshInterval else { return false }
                state.checkedAt = .now
                return true
            }
            if stale, rootSource.mayHaveChanged() { return try reloadRoot() }
            return rootState.withLock { $0.keyset }
        }
    }

    /// Reads the root keyset from its source now.
    @discardableResult
    func reloadRoot() throws -> Keyset {
        let keyset = try rootSource.load()
        rootState.withLock { $0 = (keyset, .now) }
        return keyset
    }

    /// The blind index of a NINO: global, not bound to an organisation, so one person's records at several
    /// employers (and a leaked file's rows) find each other.
    func ninoIndex(_ nino: NINO) throws -> Int64 {
        Int64(bitPattern: try indexer.index(nino.value, field: fields.nino))
    }

    /// Name of the service-wide key that seals account login names and TOTP secrets.
    static let accountKeyName = "accounts"
    /// Name of the service-wide key that seals the incident register.
    static let incidentKeyName = "incidents"

    /// Every service-wide key, each wrapped under the root.
    static let serviceKeyNames = [blindIndexKeyName, accountKeyName, incidentKeyName]

    static func serviceKeyContext(_ name: String) -> AssociatedData {
        AssociatedData(organisation: "_service", table: "service_keys", column: "key", row: name)
    }

    /// Loads the service-wide keys (creating them on first use) and returns the key service.
    public static func open(
        root source: any RootKeySource, store: any RecordStore, expectedPopulation: Int = 2_000_000,
        now: Date = Date()
    ) async throws -> KeyService {
        let root = try source.load()
        let master = try await serviceKey(named: blindIndexKeyName, root: root, store: store, now: now)
        let accounts = try await serviceKey(named: accountKeyName, root: root, store: store, now: now)
        let incidents = try await serviceKey(named: incidentKeyName, root: root, store: store, now: now)
        return KeyService(
            root: root, source: source, store: store, indexer: BlindIndexer(masterKey: master), accountKey: accounts,
            incidentKey: incidents,
            fields: try BlindIndexFields(expectedPopulation: expectedPopulation))
    }

    /// A service-wide data key, stored only wrapped under the root; generated and stored on first use.
    private static func serviceKey(named name: String, root: Keyset, store: any RecordStore, now: Date) async throws
        -> DataKey
    {
        let context = serviceKeyContext(name)
        var stored = try await store.serviceKeys(named: name)
        if stored.isEmpty {
            let wrapped = try KeyWrap.wrap(DataKey.generate(), under: root, context: context)
            do {
                try await store.insertServiceKey(named: name, key: WrappedKeyRow(wrapped, at: now))
            } catch let error as StoreError where error.isConflict {
                // Another process created it first; use theirs.
            }
            stored = try await store.serviceKeys(named: name)
        }
        guard let first = stored.first else { throw ServiceError.unavailable("\(name) key missing") }
        return try KeyWrap.unwrapDataKey(first.wrapped, with: root, context: context)
    }

    /// A new organisation keyset and its wrapped rows, for a change set registering the organisation.
    func newOrganisationKeyset(for organisation: OrganisationID, now: Date) throws -> (Keyset, [OrganisationKeyRow]) {
        let keyset = Keyset.generate()
        let wrapped = try KeyWrap.wrap(keyset, under: try root, context: Self.organisationKeyContext(organisation))
        let rows = wrapped.map { WrappedKeyRow($0, at: now) }
        cache.withLock { $0[organisation] = CachedKeyset(keyset: keyset, rows: rows, checkedAt: .now) }
        return (keyset, rows.map { OrganisationKeyRow(organisationID: organisation, key: $0) })
    }

    /// The organisation's keyset, unwrapped from the store on first use and again whenever its stored versions
    /// have changed (checked at most once per ``refreshInterval``).
    func organisationKeyset(_ organisation: OrganisationID, scope: StoreScope) async throws -> Keyset {
        let cached = cache.withLock { $0[organisation] }
        if let cached, cached.checkedAt.duration(to: .now) < Self.refreshInterval { return cached.keyset }
        let rows = try await store.organisationKeys(of: organisation, scope: scope)
        guard !rows.isEmpty else { throw ServiceError.notFound("organisation key") }
        if let cached, cached.rows == rows {
            cache.withLock { $0[organisation]?.checkedAt = .now }
            return cached.keyset
        }
        let keyset = try unwrapOrganisationKeyset(rows, organisation: organisation)
        cache.withLock { $0[organisation] = CachedKeyset(keyset: keyset, rows: rows, checkedAt: .now) }
        return keyset
    }

    /// Unwraps an organisation's key rows; a root version this process has not seen yet means the root was
    /// rotated elsewhere, so the root is read again once before giving up.
    func unwrapOrganisationKeyset(_ rows: [WrappedKeyRow], organisation: OrganisationID) throws -> Keyset {
        let context = Self.organisationKeyContext(organisation)
        do {
            return try KeyWrap.unwrapKeyset(rows.map(\.wrapped), with: try root, context: context)
        } catch let error as VaultError where error.unavailableVersion != nil {
            return try KeyWrap.unwrapKeyset(rows.map(\.wrapped), with: try reloadRoot(), context: context)
        }
    }

    /// What a person's data key is bound to when wrapped under their organisation's keyset.
    static func personKeyContext(_ organisation: OrganisationID, _ person: PersonID) -> AssociatedData {
        AssociatedData(
            organisation: organisation.description, table: "person_keys", column: "key", row: person.description)
    }

    /// What a value sealed directly under an organisation's keyset is bound to.
    static func sealedValueContext(_ column: OrganisationSealedColumn, _ value: SealedValue) -> AssociatedData {
        AssociatedData(
            organisation: value.organisationID.description, table: column.table, column: column.column,
            row: value.rowID)
    }

    static func organisationKeyContext(_ organisation: OrganisationID) -> AssociatedData {
        AssociatedData(
            organisation: organisation.description, table: "organisation_keys", column: "key",
            row: organisation.description)
    }
}

/// The blind-index fields with widths planned for the configured population (CipherSweet's bound).
struct BlindIndexFields: Sendable {
    let nino: BlindIndexField
    let staffNumber: BlindIndexField
    let sourceRecord: BlindIndexField

    init(expectedPopulation: Int) throws {
        nino = try .nino(expectedPopulation: expectedPopulation)
        staffNumber = try .staffNumber(expectedPopulation: expectedPopulation)
        // Import record ids are opaque keys, not personal values, and a match on them is taken without
        // decrypting anything: a full 64-bit index, so two different ids never share one in practice.
        sourceRecord = BlindIndexField(name: "people.source_record", bits: 64)
    }

    // Login names must be unique, so their index is a full 64 bits like the record ids above.
    static let login = BlindIndexField(name: "accounts.login", bits: 64)
}

extension WrappedKeyRow {
    init(_ key: WrappedKey, at time: Date) {
        self.init(
            version: key.version.rawValue, wrappingVersion: key.wrappingVersion.rawValue, envelope: key.envelope,
            createdAt: time)
    }

    var wrapped: WrappedKey {
        WrappedKey(
            version: KeyVersion(rawValue: version), wrappingVersion: KeyVersion(rawValue: wrappingVersion),
            envelope: envelope)
    }
}

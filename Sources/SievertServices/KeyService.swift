import DoseCore
import Foundation
import SievertStorage
import Synchronization
import Vault

/// Holds the root keyset and the unwrapped organisation keys and blind indexer derived from it.
///
/// The root keyset never touches the store; organisation keys and the blind-index master key are
/// stored only wrapped. Unwrapped organisation keysets are cached in memory for the process's life.
public final class KeyService: Sendable {
    /// Name of the service-wide blind-index master key in the store.
    static let blindIndexKeyName = "blind-index"

    let root: Keyset
    let store: any RecordStore
    /// Blind indexes of the NINO, the staff number (bound to the organisation) and import record ids.
    public let indexer: BlindIndexer
    let fields: BlindIndexFields
    /// Seals account login names and TOTP secrets.
    let accountSealer: Sealer
    /// Seals breach incidents (summaries and decision logs may name people or systems).
    let incidentSealer: Sealer
    private let cache = Mutex<[OrganisationID: Keyset]>([:])

    private init(
        root: Keyset, store: any RecordStore, indexer: BlindIndexer, accountKey: DataKey, incidentKey: DataKey,
        fields: BlindIndexFields
    ) {
        self.root = root
        self.store = store
        self.indexer = indexer
        self.accountSealer = Sealer(dataKey: accountKey)
        self.incidentSealer = Sealer(dataKey: incidentKey)
        self.fields = fields
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

    /// Loads the service-wide keys (creating them on first use) and returns the key service.
    public static func open(
        root: Keyset, store: any RecordStore, expectedPopulation: Int = 2_000_000, now: Date = Date()
    ) async throws -> KeyService {
        let master = try await serviceKey(named: blindIndexKeyName, root: root, store: store, now: now)
        let accounts = try await serviceKey(named: accountKeyName, root: root, store: store, now: now)
        let incidents = try await serviceKey(named: incidentKeyName, root: root, store: store, now: now)
        return KeyService(
            root: root, store: store, indexer: BlindIndexer(masterKey: master), accountKey: accounts,
            incidentKey: incidents,
            fields: try BlindIndexFields(expectedPopulation: expectedPopulation))
    }

    /// A service-wide data key, stored only wrapped under the root; generated and stored on first use.
    private static func serviceKey(named name: String, root: Keyset, store: any RecordStore, now: Date) async throws
        -> DataKey
    {
        let context = AssociatedData(organisation: "_service", table: "service_keys", column: "key", row: name)
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
        let rows = try KeyWrap.wrap(keyset, under: root, context: Self.organisationKeyContext(organisation)).map {
            OrganisationKeyRow(organisationID: organisation, key: WrappedKeyRow($0, at: now))
        }
        cache.withLock { $0[organisation] = keyset }
        return (keyset, rows)
    }

    /// The organisation's keyset, unwrapped from the store on first use.
    func organisationKeyset(_ organisation: OrganisationID, scope: StoreScope) async throws -> Keyset {
        if let cached = cache.withLock({ $0[organisation] }) { return cached }
        let rows = try await store.organisationKeys(of: organisation, scope: scope)
        guard !rows.isEmpty else { throw ServiceError.notFound("organisation key") }
        let keyset = try KeyWrap.unwrapKeyset(
            rows.map(\.wrapped), with: root, context: Self.organisationKeyContext(organisation))
        cache.withLock { $0[organisation] = keyset }
        return keyset
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

import DoseCore
import Foundation
import SievertStorage
import Vault

/// Key rotation in Tink's order (DESIGN.md §Security 5), each step audited: add a version and make it the one new
/// writes use, wait for every running server to learn it, rewrap (keys) or re-seal (values sealed directly under
/// an organisation key) what the old version covers, then retire the old version once nothing is left under it.
///
/// Works while servers run: they check their cached keys at most once per ``KeyService/refreshInterval``, the
/// rotation waits longer than that before rewrapping, and every rewrite is a compare-and-swap, so a row changed
/// meanwhile is read again rather than overwritten. Retiring refuses while anything is still under the version.
///
/// Adding and promoting are one step: an organisation's primary is its highest stored version and the root's is
/// the key file's `primary`. Readers that have not yet learnt the new version meet it only after the wait.
public struct KeyRotation: Sendable {
    let keys: KeyService
    let store: any RecordStore
    let clock: @Sendable () -> Date
    /// How long to wait between adding a version and rewrapping under it: longer than the servers' refresh.
    let propagationWait: Duration
    let sleep: @Sendable (Duration) async throws -> Void
    /// Rows rewrapped per transaction.
    static let batchSize = 500

    /// Outcome of a rotation: the version added and how many rows were rewrapped or re-sealed under it.
    public struct Outcome: Sendable, Hashable, Codable {
        public var owner: String
        public var version: UInt32
        public var rewrapped: Int
    }

    /// Every keyset's versions and what is under each.
    public func status(by caller: Caller) async throws -> KeyRotationStatus {
        try Self.requireOperator(caller)
        let inventory = try await store.keyInventory(scope: caller.scope)
        let root = try keys.reloadRoot()
        var organisations: [KeyRotationStatus.Keyset] = []
        for row in try await store.organisations(scope: caller.scope) {
            let keyset = try await keys.organisationKeyset(row.id, scope: caller.scope)
            organisations.append(
                KeyRotationStatus.keyset(
                    owner: row.code, keyset: keyset,
                    rows: inventory.underOrganisationKeys.filter { $0.organisationID == row.id }))
        }
        return KeyRotationStatus(
            root: KeyRotationStatus.keyset(owner: "root", keyset: root, rows: inventory.underRoot),
            organisations: organisations)
    }

    /// Adds a root version, makes it primary in the root key's source, waits, and rewraps every organisation
    /// and service key under it. A source the process cannot rewrite (an environment secret, a key service)
    /// refuses: the operator installs the new keyset there and runs ``rewrapUnderRoot(by:)``.
    public func rotateRoot(by caller: Caller) async throws -> Outcome {
        try Self.requireOperator(caller)
        let current = try keys.reloadRoot()
        let (added, version) = current.adding()
        try keys.rootSource.save(try added.promoting(version))
        try keys.reloadRoot()
        try await audit(caller, "keys.root.add", subject: "root", outcome: "version=\(version)")
        try await sleep(propagationWait)
        let rewrapped = try await rewrapUnderRoot(by: caller)
        return Outcome(owner: "root", version: version.rawValue, rewrapped: rewrapped)
    }

    /// For a root key the process cannot rewrite: the current root keyset with a new primary version added, for
    /// the operator to install where the root key is read, as a keyset file's bytes (every key in clear: for that
    /// file only). Audited; nothing is stored.
    public func nextRootKeyset(by caller: Caller) async throws -> (keyFile: [UInt8], version: UInt32) {
        try Self.requireOperator(caller)
        let (added, version) = try keys.reloadRoot().adding()
        let next = try added.promoting(version)
        try await audit(caller, "keys.root.add", subject: "root", outcome: "version=\(version),installed-elsewhere")
        return (next.serialized(), version.rawValue)
    }

    /// Rewraps every organisation key version and service key not under the root's primary version.
    @discardableResult
    public func rewrapUnderRoot(by caller: Caller) async throws -> Int {
        try Self.requireOperator(caller)
        let root = try keys.reloadRoot()
        var work = KeyMaintenance()
        for organisation in try await store.organisations(scope: caller.scope) {
            let context = KeyService.organisationKeyContext(organisation.id)
            for row in try await store.organisationKeys(of: organisation.id, scope: caller.scope)
            where row.wrappingVersion != root.primaryVersion.rawValue {
                let new = try KeyWrap.rewrap(row.wrapped, with: root, context: context)
                work.organisationKeyRewraps.append((organisation.id, row, WrappedKeyRow(new, at: row.createdAt)))
            }
        }
        for name in KeyService.serviceKeyNames {
            let context = KeyService.serviceKeyContext(name)
            for row in try await store.serviceKeys(named: name)
            where row.wrappingVersion != root.primaryVersion.rawValue {
                let new = try KeyWrap.rewrap(row.wrapped, with: root, context: context)
                work.serviceKeyRewraps.append((name, row, WrappedKeyRow(new, at: row.createdAt)))
            }
        }
        let count = work.organisationKeyRewraps.count + work.serviceKeyRewraps.count
        try await audit(
            caller, "keys.root.rewrap", subject: "root", outcome: "version=\(root.primaryVersion),keys=\(count)",
            work: work)
        return count
    }

    /// Adds a version to an organisation's keyset (its new primary), waits, then rewraps its people's data keys
    /// and re-seals the values sealed directly under the organisation key.
    public func rotateOrganisation(code: String, by caller: Caller) async throws -> Outcome {
        try Self.requireOperator(caller)
        let organisation = try await organisation(code: code, caller: caller)
        let keyset = try await currentKeyset(of: organisation.id, caller: caller)
        let (added, version) = keyset.adding()
        let wrapped = try KeyWrap.wrap(
            version: version, of: added, under: try keys.reloadRoot(),
            context: KeyService.organisationKeyContext(organisation.id))
        var changes = ChangeSet()
        changes.newOrganisationKeys = [
            OrganisationKeyRow(organisationID: organisation.id, key: WrappedKeyRow(wrapped, at: clock()))
        ]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "keys.organisation.add", subject: organisation.code, organisation: organisation.id,
                purpose: "key-rotation", at: clock(), outcome: "version=\(version)")
        ]
        try await store.apply(changes, scope: caller.scope)
        try await sleep(propagationWait)
        let rewrapped = try await rewrapOrganisation(code: code, by: caller)
        return Outcome(owner: organisation.code, version: version.rawValue, rewrapped: rewrapped)
    }

    /// Rewraps an organisation's person keys and re-seals its sealed values under its primary version, in
    /// batches; re-running after an interruption carries on where it stopped.
    @discardableResult
    public func rewrapOrganisation(code: String, by caller: Caller) async throws -> Int {
        try Self.requireOperator(caller)
        let organisation = try await organisation(code: code, caller: caller)
        let keyset = try await currentKeyset(of: organisation.id, caller: caller)
        let primary = keyset.primaryVersion
        var total = 0
        while true {
            let page = try await store.personKeys(
                of: organisation.id, notWrappedUnder: primary.rawValue, after: nil, limit: Self.batchSize,
                scope: caller.scope)
            guard !page.isEmpty else { break }
            var work = KeyMaintenance()
            for row in page {
                let new = try KeyWrap.rewrap(
                    row.key.wrapped, with: keyset, context: KeyService.personKeyContext(organisation.id, row.personID))
                work.personKeyRewraps.append((row, WrappedKeyRow(new, at: row.key.createdAt)))
            }
            try await audit(
                caller, "keys.organisation.rewrap", subject: organisation.code, organisation: organisation.id,
                outcome: "version=\(primary),person-keys=\(page.count)", work: work)
            total += page.count
        }
        let sealer = Sealer(keyset: keyset)
        for column in OrganisationSealedColumn.allCases {
            while true {
                let page = try await store.sealedValues(
                    column, of: organisation.id, notUnder: primary.rawValue, after: nil, limit: Self.batchSize,
                    scope: caller.scope)
                guard !page.isEmpty else { break }
                var work = KeyMaintenance()
                for value in page {
                    let binding = KeyService.sealedValueContext(column, value)
                    let plain = try sealer.open(value.bytes, binding: binding)
                    work.resealed.append((column, value, try sealer.seal(plain, binding: binding)))
                }
                try await audit(
                    caller, "keys.organisation.reseal", subject: organisation.code, organisation: organisation.id,
                    outcome: "version=\(primary),\(column.rawValue)=\(page.count)", work: work)
                total += page.count
            }
        }
        return total
    }

    /// Retires root version `version` from the root key's source, once no organisation or service key is
    /// wrapped under it.
    public func retireRoot(version: UInt32, by caller: Caller) async throws {
        try Self.requireOperator(caller)
        let root = try keys.reloadRoot()
        let inventory = try await store.keyInventory(scope: caller.scope)
        try Self.checkRetirable(KeyVersion(version), of: root, rows: inventory.underRoot, owner: "root")
        try keys.rootSource.save(try root.retiring(KeyVersion(version)))
        try keys.reloadRoot()
        try await audit(caller, "keys.root.retire", subject: "root", outcome: "version=\(version)")
    }

    /// Retires version `version` of an organisation's keyset, once no person key or sealed value is under it.
    public func retireOrganisation(code: String, version: UInt32, by caller: Caller) async throws {
        try Self.requireOperator(caller)
        let organisation = try await organisation(code: code, caller: caller)
        let keyset = try await currentKeyset(of: organisation.id, caller: caller)
        let inventory = try await store.keyInventory(scope: caller.scope)
        try Self.checkRetirable(
            KeyVersion(version), of: keyset,
            rows: inventory.underOrganisationKeys.filter { $0.organisationID == organisation.id },
            owner: organisation.code)
        var work = KeyMaintenance()
        work.retiredOrganisationKeys = [(organisation.id, version)]
        try await audit(
            caller, "keys.organisation.retire", subject: organisation.code, organisation: organisation.id,
            outcome: "version=\(version)", work: work)
    }

    // MARK: helpers

    static func requireOperator(_ caller: Caller) throws {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator manages keys")
        }
    }

    static func checkRetirable(_ version: KeyVersion, of keyset: Keyset, rows: [KeyInventory.Count], owner: String)
        throws
    {
        guard keyset.contains(version) else {
            throw ServiceError.notFound("version \(version) of the \(owner) keyset")
        }
        guard version != keyset.primaryVersion else {
            throw ServiceError.conflict("version \(version) is the \(owner) keyset's primary: rotate first")
        }
        let remaining = rows.filter { $0.version == version.rawValue }.reduce(0) { $0 + $1.count }
        guard remaining == 0 else {
            throw ServiceError.conflict(
                "\(remaining) stored keys or values are still under version \(version) of the \(owner) keyset: "
                    + "rewrap first")
        }
    }

    private func organisation(code: String, caller: Caller) async throws -> OrganisationRow {
        guard let row = try await store.organisation(code: code, scope: caller.scope) else {
            throw ServiceError.notFound("organisation \(code)")
        }
        return row
    }

    /// The organisation's keyset as stored now, not as cached.
    private func currentKeyset(of organisation: OrganisationID, caller: Caller) async throws -> Keyset {
        let rows = try await store.organisationKeys(of: organisation, scope: caller.scope)
        guard !rows.isEmpty else { throw ServiceError.notFound("organisation key") }
        return try keys.unwrapOrganisationKeyset(rows, organisation: organisation)
    }

    private func audit(
        _ caller: Caller, _ action: String, subject: String, organisation: OrganisationID? = nil, outcome: String,
        work: KeyMaintenance = KeyMaintenance()
    ) async throws {
        var changes = ChangeSet()
        changes.keyMaintenance = work
        changes.auditEvents = [
            AuditTrail.event(
                caller, action, subject: subject, organisation: organisation, purpose: "key-rotation", at: clock(),
                outcome: outcome)
        ]
        try await store.apply(changes, scope: caller.scope)
    }
}

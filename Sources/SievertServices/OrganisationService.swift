import DoseCore
import Foundation
import SievertStorage
import Vault

/// What registering an organisation needs.
public struct NewOrganisation: Sendable, Codable {
    public var code: String
    public var name: String
    public var kind: String
    public var departments: [String]?
    public var leadContact: Contact?
    public var dataProtectionContact: Contact?

    public init(
        code: String, name: String, kind: String, departments: [String]? = nil, leadContact: Contact? = nil,
        dataProtectionContact: Contact? = nil
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.departments = departments
        self.leadContact = leadContact
        self.dataProtectionContact = dataProtectionContact
    }
}

/// Registering, listing and reading customer organisations.
public struct OrganisationService: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let clock: @Sendable () -> Date

    private struct Contacts: Codable {
        var lead: Contact?
        var dataProtection: Contact?
    }

    /// Registers an organisation and its key. Only the service operator may.
    public func register(_ input: NewOrganisation, by caller: Caller) async throws -> Organisation {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator registers organisations")
        }
        var errors: [ValidationError] = []
        var code: OrganisationCode?
        do { code = try OrganisationCode(input.code) } catch { errors.append(error) }
        let kind = OrganisationKind(rawValue: input.kind)
        if kind == nil {
            errors.append(
                ValidationError(
                    field: "kind",
                    reason: "must be one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200
            || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            errors.append(
                ValidationError(field: "name", reason: "must be 1 to 200 characters without control characters"))
        }
        let departments = (input.departments ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if departments.count > 200 || departments.contains(where: { $0.isEmpty || $0.count > 100 }) {
            errors.append(ValidationError(field: "departments", reason: "at most 200 names of 1 to 100 characters"))
        }
        guard errors.isEmpty, let code, let kind else { throw ServiceError.invalid(errors) }
        if try await store.organisation(code: code.value, scope: caller.scope) != nil {
            throw ServiceError.conflict("organisation code \(code.value) is already registered")
        }

        let now = clock()
        let organisation = Organisation(
            id: .generate(now: now), code: code, name: name, kind: kind, departments: departments,
            leadContact: input.leadContact, dataProtectionContact: input.dataProtectionContact, createdAt: now)
        let (keyset, keyRows) = try keys.newOrganisationKeyset(for: organisation.id, now: now)
        var changes = ChangeSet()
        changes.newOrganisations = [try row(for: organisation, keyset: keyset, updatedAt: now)]
        changes.newOrganisationKeys = keyRows
        changes.auditEvents = [
            AuditTrail.event(
                caller, "organisation.register", subject: organisation.id.description, organisation: organisation.id,
                purpose: "registration", at: now)
        ]
        do {
            try await store.apply(changes, scope: caller.scope)
        } catch {
            throw ServiceError.from(error)
        }
        return organisation
    }

    /// The organisations the caller may see, without contacts (a directory, no decryption).
    public func list(by caller: Caller) async throws -> [OrganisationSummary] {
        try await store.organisations(scope: caller.scope).compactMap(OrganisationSummary.init)
    }

    /// One organisation with its contacts decrypted; the read is audited when contacts exist.
    public func get(code: String, by caller: Caller) async throws -> Organisation {
        let row = try await find(code: code, caller: caller)
        let organisation = try await open(row, caller: caller)
        if row.sealedContacts != nil {
            var changes = ChangeSet()
            changes.auditEvents = [
                AuditTrail.event(
                    caller, "organisation.read-contacts", subject: row.id.description, organisation: row.id,
                    purpose: "service", at: clock())
            ]
            try await store.apply(changes, scope: caller.scope)
        }
        return organisation
    }

    /// The organisation row for a code in the caller's scope, or not-found.
    func find(code: String, caller: Caller) async throws -> OrganisationRow {
        let normalised = (try? OrganisationCode(code).value) ?? code
        guard let row = try await store.organisation(code: normalised, scope: caller.scope) else {
            throw ServiceError.notFound("organisation \(normalised)")
        }
        return row
    }

    func open(_ row: OrganisationRow, caller: Caller) async throws -> Organisation {
        var contacts = Contacts()
        if let sealed = row.sealedContacts {
            let keyset = try await keys.organisationKeyset(row.id, scope: caller.scope)
            let plain = try Sealer(keyset: keyset).open(sealed, binding: Self.contactsContext(row.id))
            contacts = try JSONDecoder().decode(Contacts.self, from: Data(plain))
        }
        guard let kind = OrganisationKind(rawValue: row.kind) else { throw ServiceError.unavailable("bad kind") }
        return Organisation(
            id: row.id, code: try OrganisationCode(row.code), name: row.name, kind: kind,
            departments: row.departments, leadContact: contacts.lead, dataProtectionContact: contacts.dataProtection,
            createdAt: row.createdAt)
    }

    private func row(for organisation: Organisation, keyset: Keyset, updatedAt: Date) throws -> OrganisationRow {
        var sealed: [UInt8]?
        if organisation.leadContact != nil || organisation.dataProtectionContact != nil {
            let contacts = Contacts(lead: organisation.leadContact, dataProtection: organisation.dataProtectionContact)
            sealed = try Sealer(keyset: keyset).seal(
                Array(try JSONEncoder().encode(contacts)), binding: Self.contactsContext(organisation.id))
        }
        return OrganisationRow(
            id: organisation.id, code: organisation.code.value, name: organisation.name,
            kind: organisation.kind.rawValue, departments: organisation.departments, sealedContacts: sealed,
            createdAt: organisation.createdAt, updatedAt: updatedAt)
    }

    static func contactsContext(_ id: OrganisationID) -> AssociatedData {
        AssociatedData(organisation: id.description, table: "organisations", column: "contacts", row: id.description)
    }
}

/// An organisation as listed: directory facts only, nothing personal.
public struct OrganisationSummary: Sendable, Codable, Hashable {
    public var id: OrganisationID
    public var code: String
    public var name: String
    public var kind: OrganisationKind
    public var departments: [String]

    init?(_ row: OrganisationRow) {
        guard let kind = OrganisationKind(rawValue: row.kind) else { return nil }
        self.id = row.id
        self.code = row.code
        self.name = row.name
        self.kind = kind
        self.departments = row.departments
    }
}

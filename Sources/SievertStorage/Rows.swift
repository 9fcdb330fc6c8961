import DoseCore
import Foundation

/// An organisation as stored: directory facts in clear, contacts sealed under the organisation's key.
public struct OrganisationRow: Sendable, Hashable {
    public var id: OrganisationID
    public var code: String
    public var name: String
    public var kind: String
    public var departments: [String]
    /// AEAD ciphertext of the lead and data-protection contacts (personal data).
    public var sealedContacts: [UInt8]?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: OrganisationID, code: String, name: String, kind: String, departments: [String],
        sealedContacts: [UInt8]?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.departments = departments
        self.sealedContacts = sealedContacts
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A key stored only in wrapped form: its own version, the version of the key that wraps it, the envelope.
public struct WrappedKeyRow: Sendable, Hashable {
    public var version: UInt32
    public var wrappingVersion: UInt32
    public var envelope: [UInt8]
    public var createdAt: Date

    public init(version: UInt32, wrappingVersion: UInt32, envelope: [UInt8], createdAt: Date) {
        self.version = version
        self.wrappingVersion = wrappingVersion
        self.envelope = envelope
        self.createdAt = createdAt
    }
}

/// One version of an organisation's key, wrapped under the root key.
public struct OrganisationKeyRow: Sendable, Hashable {
    public var organisationID: OrganisationID
    public var key: WrappedKeyRow

    public init(organisationID: OrganisationID, key: WrappedKeyRow) {
        self.organisationID = organisationID
        self.key = key
    }
}

/// The personal columns of a person, each stored as its own ciphertext bound to its column name.
public enum PersonColumn: String, CaseIterable, Sendable, Hashable {
    case forenames
    case surname
    case dateOfBirth = "date_of_birth"
    case sex
    case nino
    case email
    case phone
    case address
    case postcode
    case dateOfDeath = "date_of_death"
}

/// A person as stored: ids, status and blind indexes in clear; every personal value sealed.
public struct PersonRow: Sendable, Hashable {
    public var id: PersonID
    public var organisationID: OrganisationID
    public var status: PersonStatus
    public var isCanary: Bool
    /// Blind index of the normalised NINO (global key, so one person's records at several employers link).
    public var ninoIndex: Int64?
    /// Blind index of the record id an import file gave this person (idempotent re-import).
    public var sourceIndex: Int64?
    /// Sealed values by column; a missing column is an empty value.
    public var sealed: [PersonColumn: [UInt8]]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: PersonID, organisationID: OrganisationID, status: PersonStatus, isCanary: Bool, ninoIndex: Int64?,
        sourceIndex: Int64?, sealed: [PersonColumn: [UInt8]], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.status = status
        self.isCanary = isCanary
        self.ninoIndex = ninoIndex
        self.sourceIndex = sourceIndex
        self.sealed = sealed
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Whether a dose record (employment) is open.
public enum EmploymentState: String, Sendable, Hashable, CaseIterable {
    case active
    case ended
}

/// An employment (the dose record of a person at an organisation) as stored.
public struct EmploymentRow: Sendable, Hashable {
    public var id: EmploymentID
    public var organisationID: OrganisationID
    public var personID: PersonID
    public var state: EmploymentState
    /// Blind index of the staff number, bound to the organisation.
    public var staffIndex: Int64?
    public var sealedStaffNumber: [UInt8]?
    /// Sealed JSON of start, end, department, designations and pregnancy declarations.
    public var sealedDetails: [UInt8]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: EmploymentID, organisationID: OrganisationID, personID: PersonID, state: EmploymentState,
        staffIndex: Int64?, sealedStaffNumber: [UInt8]?, sealedDetails: [UInt8], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.state = state
        self.staffIndex = staffIndex
        self.sealedStaffNumber = sealedStaffNumber
        self.sealedDetails = sealedDetails
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A person with the wrapped data key that opens their values, and their employments.
public struct PersonRecord: Sendable, Hashable {
    public var person: PersonRow
    public var key: WrappedKeyRow
    public var employments: [EmploymentRow]

    public init(person: PersonRow, key: WrappedKeyRow, employments: [EmploymentRow]) {
        self.person = person
        self.key = key
        self.employments = employments
    }
}

/// The clear lookup keys of one person, for matching imports without decrypting everyone.
public struct PersonMatchKeys: Sendable, Hashable {
    public var personID: PersonID
    public var ninoIndex: Int64?
    public var sourceIndex: Int64?
    public var staffIndexes: [Int64]

    public init(personID: PersonID, ninoIndex: Int64?, sourceIndex: Int64?, staffIndexes: [Int64]) {
        self.personID = personID
        self.ninoIndex = ninoIndex
        self.sourceIndex = sourceIndex
        self.staffIndexes = staffIndexes
    }
}

/// An accountability event: who did what to which subject, why, and how it ended. Never personal values.
public struct AuditEventRow: Sendable, Hashable {
    /// Position in the log, assigned by the store (0 before it is stored).
    public var sequence: Int64
    public var occurredAt: Date
    public var actor: String
    public var role: String
    public var action: String
    public var subjectID: String?
    public var organisationID: OrganisationID?
    public var purpose: String
    public var requestID: String
    public var outcome: String

    public init(
        sequence: Int64 = 0, occurredAt: Date, actor: String, role: String, action: String, subjectID: String?,
        organisationID: OrganisationID?, purpose: String, requestID: String, outcome: String
    ) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.actor = actor
        self.role = role
        self.action = action
        self.subjectID = subjectID
        self.organisationID = organisationID
        self.purpose = purpose
        self.requestID = requestID
        self.outcome = outcome
    }
}

/// An API access token as stored: only the SHA-256 of the token, never the token itself.
public struct AccessTokenRow: Sendable, Hashable {
    /// SHA-256 of the token's bytes.
    public var hash: [UInt8]
    /// Non-secret id of the token, used as the actor in audit events.
    public var id: String
    public var role: String
    /// The organisation the token is bound to; nil for service-wide roles.
    public var organisationID: OrganisationID?
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        hash: [UInt8], id: String, role: String, organisationID: OrganisationID?, createdAt: Date, expiresAt: Date?,
        revokedAt: Date? = nil
    ) {
        self.hash = hash
        self.id = id
        self.role = role
        self.organisationID = organisationID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

import Foundation

/// A customer organisation whose staff wear dosemeters: a health board, trust, practice or airport.
public struct Organisation: Hashable, Sendable, Codable {
    /// The organisation's identifier.
    public var id: OrganisationID
    /// Its short code, unique across the service.
    public var code: OrganisationCode
    /// Its full name.
    public var name: String
    /// What sort of customer it is.
    public var kind: OrganisationKind
    /// Its departments, in display order.
    public var departments: [String]
    /// The organisation lead who manages its wearers.
    public var leadContact: Contact?
    /// The Caldicott Guardian, SIRO or data-protection contact told about breaches.
    public var dataProtectionContact: Contact?
    /// When it was registered.
    public var createdAt: Date

    /// Creates an organisation.
    public init(
        id: OrganisationID,
        code: OrganisationCode,
        name: String,
        kind: OrganisationKind,
        departments: [String] = [],
        leadContact: Contact? = nil,
        dataProtectionContact: Contact? = nil,
        createdAt: Date
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.departments = departments
        self.leadContact = leadContact
        self.dataProtectionContact = dataProtectionContact
        self.createdAt = createdAt
    }
}

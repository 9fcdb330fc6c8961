import Foundation

/// A wearer known to the service, registered by one organisation. Their dose records are
/// ``Employment``s, one per employer.
public struct Person: Hashable, Sendable, Codable {
    /// The person's identifier.
    public var id: PersonID
    /// The organisation that registered them and controls their identity record.
    public var organisationID: OrganisationID
    /// Who they are.
    public var identity: PersonIdentity
    /// How to reach them.
    public var contact: ContactDetails
    /// Active, left or deceased.
    public var status: PersonStatus
    /// Date of death, only when ``status`` is ``PersonStatus/deceased`` (and may be unknown then).
    public var dateOfDeath: CalendarDate?
    /// A dummy record planted to detect snooping or exfiltration: any access to it raises an alert.
    public var isCanary: Bool
    /// When the record was created.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date

    /// Creates a person.
    public init(
        id: PersonID,
        organisationID: OrganisationID,
        identity: PersonIdentity,
        contact: ContactDetails = ContactDetails(),
        status: PersonStatus = .active,
        dateOfDeath: CalendarDate? = nil,
        isCanary: Bool = false,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.identity = identity
        self.contact = contact
        self.status = status
        self.dateOfDeath = dateOfDeath
        self.isCanary = isCanary
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

import DoseCore

/// Every write a use case makes, applied by a store atomically: all of it or none of it.
///
/// Audit events travel in the same change set as the data they account for, so a write can never be
/// committed without its event.
public struct ChangeSet: Sendable {
    public var newOrganisations: [OrganisationRow] = []
    public var organisationUpdates: [OrganisationRow] = []
    public var newOrganisationKeys: [OrganisationKeyRow] = []
    /// New people, each with their wrapped data key.
    public var newPeople: [(person: PersonRow, key: WrappedKeyRow)] = []
    public var personUpdates: [PersonRow] = []
    public var newEmployments: [EmploymentRow] = []
    public var employmentUpdates: [EmploymentRow] = []
    public var auditEvents: [AuditEventRow] = []

    public init() {}

    /// True when there is nothing to write.
    public var isEmpty: Bool {
        newOrganisations.isEmpty && organisationUpdates.isEmpty && newOrganisationKeys.isEmpty
            && newPeople.isEmpty && personUpdates.isEmpty && newEmployments.isEmpty
            && employmentUpdates.isEmpty && auditEvents.isEmpty
    }

    /// Every organisation a data row in this change set belongs to (audit events excluded).
    public var touchedOrganisations: Set<OrganisationID> {
        var ids = Set<OrganisationID>()
        ids.formUnion(newOrganisations.map(\.id))
        ids.formUnion(organisationUpdates.map(\.id))
        ids.formUnion(newOrganisationKeys.map(\.organisationID))
        ids.formUnion(newPeople.map(\.person.organisationID))
        ids.formUnion(personUpdates.map(\.organisationID))
        ids.formUnion(newEmployments.map(\.organisationID))
        ids.formUnion(employmentUpdates.map(\.organisationID))
        return ids
    }
}

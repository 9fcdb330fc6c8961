import DoseCore
import Foundation

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
    /// The records this change was made from, as it read them. When any of them is now stored otherwise (another
    /// writer changed it in between), the store writes nothing and throws ``StoreError/changedSinceRead``: a
    /// read-modify-write change never silently overwrites another.
    public var readRecords: [PersonRecord] = []
    /// New entries of the dose of record (append-only).
    public var newDoseEntries: [DoseEntryRow] = []
    public var newParticipants: [ParticipantRow] = []
    public var newLabReadings: [LabReadingRow] = []
    /// The dosemeter inventory, monitoring assignments, issues (with their returns) and settings.
    public var newDosemeters: [DosemeterRow] = []
    public var dosemeterUpdates: [DosemeterRow] = []
    public var newAssignments: [AssignmentRow] = []
    public var assignmentUpdates: [AssignmentRow] = []
    public var newIssues: [DosemeterIssueRow] = []
    public var issueUpdates: [DosemeterIssueRow] = []
    /// Inserted or replaced whole.
    public var organisationSettings: [OrganisationSettingsRow] = []
    /// IRR17 dose alerts and their workflow, investigation levels, and e-mail to send.
    public var newAlerts: [DoseAlertRow] = []
    public var alertUpdates: [DoseAlertRow] = []
    /// Inserted or replaced whole.
    public var investigationLevels: [InvestigationLevelsRow] = []
    public var newMail: [MailOutboxRow] = []
    public var mailUpdates: [MailOutboxRow] = []
    /// Breach incidents (service-level: only a service scope may write them) and the person records they affect
    /// (inserted or replaced whole, in their organisation's scope).
    public var newIncidents: [IncidentRow] = []
    public var incidentUpdates: [IncidentRow] = []
    public var incidentPeople: [IncidentPersonRow] = []
    public var auditEvents: [AuditEventRow] = []
    /// Service-level rows: accounts, sessions, sign-in failures and token revocations. Only a service scope
    /// may write them.
    public var newAccounts: [AccountRow] = []
    public var accountUpdates: [AccountRow] = []
    public var newSessions: [SessionRow] = []
    public var endedSessions: [SessionEnd] = []
    public var loginFailures: [LoginFailureRow] = []
    /// Ids of access tokens to revoke, with the time of revocation.
    public var revokedTokens: [(id: String, at: Date)] = []
    /// Key rotation steps and shredding. Rewrapping service-wide keys needs a service scope.
    public var keyMaintenance = KeyMaintenance()

    public init() {}

    /// Whether any service-level (account) row is written.
    public var touchesAccounts: Bool {
        !(newAccounts.isEmpty && accountUpdates.isEmpty && newSessions.isEmpty && endedSessions.isEmpty
            && loginFailures.isEmpty && revokedTokens.isEmpty)
    }

    /// Whether any inventory, assignment, issue or settings row is written.
    public var touchesDosemeters: Bool {
        !(newDosemeters.isEmpty && dosemeterUpdates.isEmpty && newAssignments.isEmpty && assignmentUpdates.isEmpty
            && newIssues.isEmpty && issueUpdates.isEmpty && organisationSettings.isEmpty)
    }

    /// Whether any alert, investigation level or mail row is written.
    public var touchesAlerts: Bool {
        !(newAlerts.isEmpty && alertUpdates.isEmpty && investigationLevels.isEmpty && newMail.isEmpty
            && mailUpdates.isEmpty)
    }

    /// Whether any incident row is written.
    public var touchesIncidents: Bool {
        !(newIncidents.isEmpty && incidentUpdates.isEmpty && incidentPeople.isEmpty)
    }

    /// True when there is nothing to write.
    public var isEmpty: Bool {
        newOrganisations.isEmpty && organisationUpdates.isEmpty && newOrganisationKeys.isEmpty
            && newPeople.isEmpty && personUpdates.isEmpty && newEmployments.isEmpty
            && employmentUpdates.isEmpty && newDoseEntries.isEmpty && newParticipants.isEmpty
            && newLabReadings.isEmpty && !touchesDosemeters && !touchesAlerts && auditEvents.isEmpty && !touchesAccounts
            && !touchesIncidents && keyMaintenance.isEmpty
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
        ids.formUnion(readRecords.map(\.person.organisationID))
        ids.formUnion(newDoseEntries.map(\.organisationID))
        ids.formUnion(newParticipants.map(\.organisationID))
        ids.formUnion(newLabReadings.map(\.organisationID))
        ids.formUnion(newDosemeters.map(\.organisationID))
        ids.formUnion(dosemeterUpdates.map(\.organisationID))
        ids.formUnion(newAssignments.map(\.organisationID))
        ids.formUnion(assignmentUpdates.map(\.organisationID))
        ids.formUnion(newIssues.map(\.organisationID))
        ids.formUnion(issueUpdates.map(\.organisationID))
        ids.formUnion(organisationSettings.map(\.organisationID))
        ids.formUnion(newAlerts.map(\.organisationID))
        ids.formUnion(alertUpdates.map(\.organisationID))
        ids.formUnion(investigationLevels.map(\.organisationID))
        ids.formUnion(newMail.map(\.organisationID))
        ids.formUnion(mailUpdates.map(\.organisationID))
        ids.formUnion(incidentPeople.map(\.organisationID))
        ids.formUnion(keyMaintenance.touchedOrganisations)
        return ids
    }
}

extension ChangeSet {
    /// Throws ``StoreError/changedSinceRead`` unless every one of ``readRecords`` is in `stored` exactly as it was
    /// read. A store calls it with those records as they stand inside its write transaction, before writing.
    public func requireReadRecords(storedAs stored: [PersonRecord]) throws {
        let current = Dictionary(stored.map { ($0.person.id, $0) }, uniquingKeysWith: { first, _ in first })
        for record in readRecords where current[record.person.id] != record { throw StoreError.changedSinceRead }
    }
}

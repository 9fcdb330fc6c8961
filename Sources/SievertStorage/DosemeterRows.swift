import DoseCore
import Foundation

/// A dosemeter of an organisation's inventory: serial, kind, technology and where it is. Nothing personal.
public struct DosemeterRow: Sendable, Hashable {
    public var id: DosemeterID
    public var organisationID: OrganisationID
    public var serial: String
    public var kind: String
    public var technology: String
    public var state: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: DosemeterID, organisationID: OrganisationID, serial: String, kind: String, technology: String,
        state: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.serial = serial
        self.kind = kind
        self.technology = technology
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A monitoring assignment: an employment wears one dosemeter at `position`, exchanged every period of
/// `frequency`, from `starts` until `ends` (open while nil).
public struct AssignmentRow: Sendable, Hashable {
    public var id: AssignmentID
    public var organisationID: OrganisationID
    public var employmentID: EmploymentID
    public var personID: PersonID
    public var position: String
    public var frequency: String
    public var starts: CalendarDate
    public var ends: CalendarDate?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: AssignmentID, organisationID: OrganisationID, employmentID: EmploymentID, personID: PersonID,
        position: String, frequency: String, starts: CalendarDate, ends: CalendarDate?, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.employmentID = employmentID
        self.personID = personID
        self.position = position
        self.frequency = frequency
        self.starts = starts
        self.ends = ends
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One dosemeter issued for one wear period: to an assignment (so a participant code), or as the control of a
/// dispatch batch (no assignment, no code). The return is recorded on the same row when it comes back.
public struct DosemeterIssueRow: Sendable, Hashable {
    public var id: DosemeterIssueID
    public var organisationID: OrganisationID
    public var dosemeterID: DosemeterID
    public var serial: String
    public var position: String
    /// Nil for a control.
    public var assignmentID: AssignmentID?
    public var employmentID: EmploymentID?
    public var personID: PersonID?
    public var participantCode: String?
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    /// The dispatch batch: one per organisation, period and issue run.
    public var batch: String
    public var issuedAt: Date
    /// A ``DoseCore/DosemeterReturn`` raw value once the return is recorded.
    public var returnStatus: String?
    public var returnedOn: CalendarDate?
    public var updatedAt: Date

    public init(
        id: DosemeterIssueID, organisationID: OrganisationID, dosemeterID: DosemeterID, serial: String,
        position: String, assignmentID: AssignmentID?, employmentID: EmploymentID?, personID: PersonID?,
        participantCode: String?, periodBegin: CalendarDate, periodEnd: CalendarDate, batch: String, issuedAt: Date,
        returnStatus: String?, returnedOn: CalendarDate?, updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.dosemeterID = dosemeterID
        self.serial = serial
        self.position = position
        self.assignmentID = assignmentID
        self.employmentID = employmentID
        self.personID = personID
        self.participantCode = participantCode
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
        self.batch = batch
        self.issuedAt = issuedAt
        self.returnStatus = returnStatus
        self.returnedOn = returnedOn
        self.updatedAt = updatedAt
    }
}

/// An organisation's dosimetry settings: when its two-monthly and quarterly wear periods start, the lab's
/// minimum reporting level for its dosemeters, and how many days after a period's end a return is late.
public struct OrganisationSettingsRow: Sendable, Hashable {
    public var organisationID: OrganisationID
    public var wearAnchorMonth: Int
    /// Micro-sieverts; nil when the lab's own `M` is the only reporting level.
    public var minimumReportingLevel: Int64?
    public var returnDueDays: Int
    public var updatedAt: Date

    public init(
        organisationID: OrganisationID, wearAnchorMonth: Int, minimumReportingLevel: Int64?, returnDueDays: Int,
        updatedAt: Date
    ) {
        self.organisationID = organisationID
        self.wearAnchorMonth = wearAnchorMonth
        self.minimumReportingLevel = minimumReportingLevel
        self.returnDueDays = returnDueDays
        self.updatedAt = updatedAt
    }
}

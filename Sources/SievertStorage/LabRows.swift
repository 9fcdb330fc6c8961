import DoseCore
import Foundation

/// The opaque code an employment is known by at the lab: random, never derived from identity.
public struct ParticipantRow: Sendable, Hashable {
    public var code: String
    public var organisationID: OrganisationID
    public var employmentID: EmploymentID
    public var personID: PersonID
    public var createdAt: Date

    public init(
        code: String, organisationID: OrganisationID, employmentID: EmploymentID, personID: PersonID, createdAt: Date
    ) {
        self.code = code
        self.organisationID = organisationID
        self.employmentID = employmentID
        self.personID = personID
        self.createdAt = createdAt
    }
}

/// One lab reading as received: serial, version, period and status in clear; the dose cells sealed under the
/// organisation's keys. A reading is stored once per (organisation, serial, version): importing it again is a no-op.
public struct LabReadingRow: Sendable, Hashable {
    public var id: Identifier<LabReadingTag>
    public var organisationID: OrganisationID
    public var serial: String
    public var version: Int
    /// Nil for a control dosemeter.
    public var participantCode: String?
    public var dosemeterType: String?
    public var position: String
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    public var status: String
    public var sealedCells: [UInt8]
    public var importedAt: Date

    public init(
        id: Identifier<LabReadingTag>, organisationID: OrganisationID, serial: String, version: Int,
        participantCode: String?, dosemeterType: String?, position: String, periodBegin: CalendarDate,
        periodEnd: CalendarDate, status: String, sealedCells: [UInt8], importedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.serial = serial
        self.version = version
        self.participantCode = participantCode
        self.dosemeterType = dosemeterType
        self.position = position
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
        self.status = status
        self.sealedCells = sealedCells
        self.importedAt = importedAt
    }
}

/// Marks identifiers of stored lab readings.
public enum LabReadingTag: IdentifierTag {}

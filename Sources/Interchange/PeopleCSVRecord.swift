import DoseCore
import Foundation

/// One valid row of a people file, with every value checked and normalised.
public struct PeopleCSVRecord: Sendable, Hashable {
    /// The 1-based physical line the row starts on.
    public var line: Int
    /// The sender's identifier for the row (1–64 printable ASCII characters), unique within a file.
    public var recordID: String
    /// The organisation the person belongs to.
    public var organisationCode: OrganisationCode
    /// The employer's staff number.
    public var staffNumber: String?
    /// Names, date of birth, sex and NINO.
    public var identity: PersonIdentity
    /// Email, phone, address and postcode.
    public var contact: ContactDetails
    /// Active, left or deceased.
    public var status: PersonStatus
    /// Date of death, only for a deceased person.
    public var dateOfDeath: CalendarDate?
    /// When the sender last changed the row.
    public var updatedAt: Date?

    /// Creates a record.
    public init(
        line: Int,
        recordID: String,
        organisationCode: OrganisationCode,
        staffNumber: String? = nil,
        identity: PersonIdentity,
        contact: ContactDetails = ContactDetails(),
        status: PersonStatus = .active,
        dateOfDeath: CalendarDate? = nil,
        updatedAt: Date? = nil
    ) {
        self.line = line
        self.recordID = recordID
        self.organisationCode = organisationCode
        self.staffNumber = staffNumber
        self.identity = identity
        self.contact = contact
        self.status = status
        self.dateOfDeath = dateOfDeath
        self.updatedAt = updatedAt
    }
}

/// The outcome of reading a people file: the valid records, and every problem found.
public struct PeopleCSVParseResult: Sendable, Hashable {
    /// The rows with no problems, in file order.
    public var records: [PeopleCSVRecord]
    /// The problems, in file order, up to the limit asked for.
    public var problems: [CSVProblem]
    /// How many more problems were found beyond the limit.
    public var truncatedProblemCount: Int

    /// Creates a result.
    public init(records: [PeopleCSVRecord], problems: [CSVProblem], truncatedProblemCount: Int) {
        self.records = records
        self.problems = problems
        self.truncatedProblemCount = truncatedProblemCount
    }

    /// Whether the file had no problems at all, so it may be committed.
    public var isValid: Bool { problems.isEmpty && truncatedProblemCount == 0 }
}

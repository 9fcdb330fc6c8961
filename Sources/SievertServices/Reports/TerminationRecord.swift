import DoseCore

/// The termination record of a classified person whose employment or classification ended (IRR17 reg 22): who
/// they are, the employer, the dates, and their doses per quantity. Every dose counts the entries whose wear
/// period began on or before the termination date.
public struct TerminationRecord: Codable, Sendable {
    public var person: PersonID
    public var employment: EmploymentID
    public var surname: String
    public var forenames: String?
    public var dateOfBirth: CalendarDate?
    public var sex: String?
    /// The NINO masked to its last characters: the record is handed to the person and the employer.
    public var ninoMasked: String?
    public var employer: ReportOrganisation
    public var staffNumber: String?
    public var department: String?
    public var employmentStart: CalendarDate
    public var employmentEnd: CalendarDate?
    /// Every designation the employment held, oldest first.
    public var designations: [TerminationDesignation]
    /// The day the employment ended, or the day the person stopped being classified.
    public var terminationDate: CalendarDate
    /// `employment-ended` or `classification-ended`.
    public var reason: String
    /// The calendar year of the termination date.
    public var finalYear: Int
    /// Per quantity, in report order.
    public var doses: [TerminationDose]
    /// When the record was made, ISO 8601.
    public var generatedAt: String
}

/// One designation period in a termination record.
public struct TerminationDesignation: Codable, Sendable, Hashable {
    public var designation: String
    public var from: CalendarDate
    public var to: CalendarDate?
}

/// One quantity's doses in a termination record, in mSv.
public struct TerminationDose: Codable, Sendable, Hashable {
    public var quantity: LimitedQuantity
    public var label: String
    /// This employment's entries whose period ends in the final year.
    public var finalYear: String
    /// Every entry of this employment.
    public var wholeEmployment: String
    /// The person's entries (all records) whose period ends in the final year or the four before it.
    public var fiveYears: String
    /// Every entry of the person's records.
    public var lifetime: String
}

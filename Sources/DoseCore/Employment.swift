import Foundation

/// One person's employment with one organisation: the unit that owns a dose record. A person may hold
/// several at once (locums, outside workers).
public struct Employment: Hashable, Sendable, Codable {
    /// The employment's identifier.
    public var id: EmploymentID
    /// The employer.
    public var organisationID: OrganisationID
    /// The employee.
    public var personID: PersonID
    /// The employer's staff number for the person.
    public var staffNumber: String?
    /// The department they work in.
    public var department: String?
    /// The first day of monitoring with this employer.
    public var start: CalendarDate
    /// The last day, or `nil` while it continues.
    public var end: CalendarDate?
    /// Their designations over time.
    public var designations: DesignationHistory
    /// Pregnancies declared to this employer, oldest first.
    public var pregnancies: [PregnancyDeclaration]
    /// HSE's authorisations to hold the employee to the five-year limit (IRR17 Sch. 3 Part 2), oldest first.
    public var specialAuthorisations: [SpecialAuthorisation]
    /// When the record was created.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date

    /// Creates an employment.
    public init(
        id: EmploymentID,
        organisationID: OrganisationID,
        personID: PersonID,
        staffNumber: String? = nil,
        department: String? = nil,
        start: CalendarDate,
        end: CalendarDate? = nil,
        designations: DesignationHistory = DesignationHistory(),
        pregnancies: [PregnancyDeclaration] = [],
        specialAuthorisations: [SpecialAuthorisation] = [],
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.staffNumber = staffNumber
        self.department = department
        self.start = start
        self.end = end
        self.designations = designations
        self.pregnancies = pregnancies
        self.specialAuthorisations = specialAuthorisations
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the employment covers `date`.
    public func isActive(on date: CalendarDate) -> Bool {
        start <= date && (end.map { date <= $0 } ?? true)
    }

    /// The employment ended on `date`, changed at `at`: the open designation closes that day.
    /// Refuses an end before the start or before a designation started.
    public func ended(on date: CalendarDate, at: Date) throws(ValidationError) -> Employment {
        guard date >= start else {
            throw ValidationError(field: "end", reason: "an employment cannot end before it starts on \(start.iso)")
        }
        if let late = designations.periods.first(where: { $0.from > date || ($0.to.map { $0 > date } ?? false) }) {
            throw ValidationError(
                field: "end",
                reason: "the \(late.designation.rawValue) designation from \(late.from.iso) runs past \(date.iso)")
        }
        var employment = self
        employment.end = date
        employment.designations = try designations.closing(on: date)
        employment.updatedAt = at
        return employment
    }
}

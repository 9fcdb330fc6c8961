/// Whose doses an accumulation adds up.
public enum DoseScope: Hashable, Sendable {
    /// One employer's record for the person: for the employer's reports.
    case employment(EmploymentID)
    /// Every record the person has with any employer: for the limit check.
    case person(PersonID)
}

/// The accumulated doses of one quantity (or group of quantities) for a reporting period.
///
/// Each entry counts in the period, quarter and year that contain its period's **end**, whole: a wear
/// period from 15 December to 14 January counts in January's quarter and year.
public struct DoseTotals: Hashable, Sendable, Codable {
    /// Entries whose period ends within the reporting period.
    public var period: Dose
    /// Entries whose period ends in the calendar quarter of the reporting period's end, up to that end.
    public var quarterToDate: Dose
    /// Entries whose period ends in the calendar year of the reporting period's end, up to that end.
    public var yearToDate: Dose
    /// Entries whose period ends in that calendar year or the four before it, up to that end.
    public var fiveYears: Dose
    /// Every entry whose period ends on or before the reporting period's end.
    public var lifetime: Dose

    /// Creates the totals.
    public init(period: Dose, quarterToDate: Dose, yearToDate: Dose, fiveYears: Dose, lifetime: Dose) {
        self.period = period
        self.quarterToDate = quarterToDate
        self.yearToDate = yearToDate
        self.fiveYears = fiveYears
        self.lifetime = lifetime
    }

    /// All zero.
    public static let zero = DoseTotals(
        period: .zero, quarterToDate: .zero, yearToDate: .zero, fiveYears: .zero, lifetime: .zero)
}

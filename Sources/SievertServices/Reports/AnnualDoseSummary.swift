import DoseCore

/// The annual summary an organisation is owed: per person, the dose of each of the last five calendar years and
/// their sum, per quantity, from this organisation's records.
public struct AnnualDoseSummary: Codable, Sendable {
    public var organisation: ReportOrganisation
    /// The last year summarised.
    public var year: Int
    /// The five years, oldest first.
    public var years: [Int]
    /// When the summary was made, ISO 8601.
    public var generatedAt: String
    public var rows: [AnnualSummaryRow]
}

/// One person in an annual summary.
public struct AnnualSummaryRow: Codable, Sendable, Hashable {
    public var person: PersonID
    public var surname: String
    public var forenames: String?
    /// From the latest of the person's records open in the five years.
    public var staffNumber: String?
    public var designation: String?
    /// One per quantity, in report order.
    public var lines: [AnnualQuantityLine]
}

/// One quantity's yearly doses in an annual summary, in mSv.
public struct AnnualQuantityLine: Codable, Sendable, Hashable {
    public var quantity: LimitedQuantity
    public var label: String
    /// The dose of each year in ``AnnualDoseSummary/years``, oldest first.
    public var perYear: [String]
    /// The sum of the five years.
    public var fiveYears: String
}

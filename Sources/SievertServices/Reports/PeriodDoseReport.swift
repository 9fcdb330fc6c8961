import DoseCore
import Foundation

/// An organisation as a report names it.
public struct ReportOrganisation: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
}

/// The periodic dose report an organisation is owed for one wear month: one row per dose record (employment)
/// active in the month or with doses in it, with the month's dose, quarter-to-date and year-to-date per quantity.
public struct PeriodDoseReport: Codable, Sendable {
    public var organisation: ReportOrganisation
    /// The month as `YYYY-MM`.
    public var period: String
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    /// When the report was made, ISO 8601.
    public var generatedAt: String
    /// The quantity headings in column order, e.g. `Hp(10) effective`.
    public var quantities: [String]
    public var rows: [PeriodDoseRow]
}

/// One dose record in a period report: who the organisation knows it as, and the doses of that record.
public struct PeriodDoseRow: Codable, Sendable, Hashable {
    public var person: PersonID
    public var employment: EmploymentID
    public var surname: String
    public var forenames: String?
    public var staffNumber: String?
    public var department: String?
    /// The designation held on the last day of the month the record was open.
    public var designation: String?
    /// One per quantity, in the order of ``PeriodDoseReport/quantities``.
    public var doses: [PeriodQuantityDose]
}

/// One quantity's doses in a period report row, in mSv.
public struct PeriodQuantityDose: Codable, Sendable, Hashable {
    /// `effective`, `skin`, `extremity` or `lens` (effective adds neutron Hp(10) to photon Hp(10)).
    public var quantity: LimitedQuantity
    public var label: String
    /// The dose of the entries whose period ends in the month; nil when there is none (not monitored or no
    /// result yet).
    public var periodDose: String?
    public var quarterToDate: String
    public var yearToDate: String
    /// A result of the month was below the lab's minimum reporting level (`M`).
    public var belowReportingLevel: Bool
    /// A dose of the month is notional (a lost or damaged dosemeter, IRR17 reg 23).
    public var notional: Bool
}

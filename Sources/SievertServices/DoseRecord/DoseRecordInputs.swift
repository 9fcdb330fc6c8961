import DoseCore
import Foundation

/// A manual entry in the dose of record: an estimate after an investigation, an HSE-approved special entry, an
/// accident dose, or a notional dose (computed under reg 23 from the wearer's class limit and the period).
public struct NewDoseEntry: Codable, Sendable {
    /// The employment (dose record); may be left out when the person has exactly one.
    public var employment: String?
    public var periodBegin: String
    public var periodEnd: String
    /// `effective`, `skin`, `extremity`, `lens` or `neutron`.
    public var quantity: String
    /// `estimated`, `special-entry`, `accident` or `notional` (measured doses come from the lab).
    public var kind: String
    /// The dose in mSv (up to 3 decimal places); must be left out for a notional dose, which is computed.
    public var mSv: String?
    /// The entry this one corrects; it then no longer counts.
    public var supersedes: String?

    public init(
        employment: String? = nil, periodBegin: String, periodEnd: String, quantity: String, kind: String,
        mSv: String? = nil, supersedes: String? = nil
    ) {
        self.employment = employment
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
        self.quantity = quantity
        self.kind = kind
        self.mSv = mSv
        self.supersedes = supersedes
    }
}

/// One entry as shown: amounts as exact mSv text.
public struct DoseEntryView: Codable, Sendable, Hashable {
    public var id: DoseEntryID
    public var employment: EmploymentID
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    public var quantity: Quantity
    /// `Hp(10)`, `Hp(0.07)` or `Hp(3)`.
    public var operationalQuantity: String
    public var kind: DoseEntryKind
    public var mSv: String
    public var belowReportingLevel: Bool
    public var supersedes: DoseEntryID?
    /// False once a later entry supersedes this one.
    public var counts: Bool
    public var recordedAt: Date
}

/// Accumulated doses of one quantity, in mSv, as of the end of a reporting period.
public struct QuantityTotalsView: Codable, Sendable, Hashable {
    public var quantity: Quantity
    public var period: String
    public var quarterToDate: String
    public var yearToDate: String
    public var fiveYears: String
    public var lifetime: String

    init(_ quantity: Quantity, _ totals: DoseTotals) {
        self.quantity = quantity
        period = totals.period.mSvText
        quarterToDate = totals.quarterToDate.mSvText
        yearToDate = totals.yearToDate.mSvText
        fiveYears = totals.fiveYears.mSvText
        lifetime = totals.lifetime.mSvText
    }
}

/// Totals of one employment (one employer's record).
public struct EmploymentTotalsView: Codable, Sendable, Hashable {
    public var employment: EmploymentID
    public var totals: [QuantityTotalsView]
}

/// A person's dose history: every entry, and totals across all their employers and per employer.
public struct DoseHistory: Codable, Sendable {
    public var person: PersonID
    /// The reporting period the totals run to: the calendar month of `asOf`.
    public var reportingPeriod: DosePeriod
    public var entries: [DoseEntryView]
    /// Across every employer (what the limits are checked against).
    public var totals: [QuantityTotalsView]
    /// Per employer (what each employer reports).
    public var byEmployment: [EmploymentTotalsView]
}

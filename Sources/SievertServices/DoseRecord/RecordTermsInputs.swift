import DoseCore
import Foundation

/// A change of designation in one dose record, from a day on (the risk assessment's decision).
public struct DesignationChange: Codable, Sendable {
    /// The employment (dose record); may be left out when the person has exactly one.
    public var employment: String?
    /// `classified`, `non-classified`, `trainee` or `outside-worker`.
    public var designation: String
    /// The first day it applies, `YYYY-MM-DD`.
    public var from: String

    public init(employment: String? = nil, designation: String, from: String) {
        self.employment = employment
        self.designation = designation
        self.from = from
    }
}

/// A pregnancy declared to the employer, or its end.
public struct PregnancyNotice: Codable, Sendable {
    /// The employment (dose record); may be left out when the person has exactly one.
    public var employment: String?
    /// The day the employee declared it, `YYYY-MM-DD` (for a declaration).
    public var declared: String?
    /// The day the pregnancy ended or the declaration was withdrawn, `YYYY-MM-DD` (for an end).
    public var ended: String?

    public init(employment: String? = nil, declared: String? = nil, ended: String? = nil) {
        self.employment = employment
        self.declared = declared
        self.ended = ended
    }
}

/// HSE's authorisation for the five-year special case (IRR17 Sch. 3 Part 2) for one employee of one employer.
public struct SpecialAuthorisationInput: Codable, Sendable {
    /// The employment (dose record); may be left out when the person has exactly one.
    public var employment: String?
    /// The first of the five consecutive calendar years.
    public var firstYear: Int
    /// The quantities averaged over the five years: `effective`, and `lens` where HSE agreed. Effective alone
    /// when left out.
    public var quantities: [String]?

    public init(employment: String? = nil, firstYear: Int, quantities: [String]? = nil) {
        self.employment = employment
        self.firstYear = firstYear
        self.quantities = quantities
    }
}

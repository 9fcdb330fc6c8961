/// The special-case limit of IRR17 reg 12(2) and Sch. 3 Part 2: over five consecutive calendar years at
/// most `total`, and at most `singleYear` in any one of them.
public struct FiveYearLimit: Hashable, Sendable, Codable {
    /// The most in the five years together (100 mSv).
    public var total: Dose
    /// The most in any one calendar year (50 mSv).
    public var singleYear: Dose

    /// Creates the limit.
    public init(total: Dose, singleYear: Dose) {
        self.total = total
        self.singleYear = singleYear
    }
}

/// HSE's authorisation for one employee to be held to the five-year limit instead of the annual one,
/// for the five consecutive calendar years from `firstYear`, for the quantities it names.
public struct SpecialAuthorisation: Hashable, Sendable, Codable {
    /// The first calendar year of the five.
    public let firstYear: Int
    /// The quantities averaged over five years: effective dose, and the lens of the eye if HSE agreed.
    public let quantities: Set<LimitedQuantity>

    /// Creates the authorisation; refuses no quantities, quantities other than effective dose and the lens
    /// (the only ones the regulations let HSE average), and years whose five-year span leaves 1850–2200.
    public init(firstYear: Int, quantities: Set<LimitedQuantity> = [.effective]) throws(ValidationError) {
        guard !quantities.isEmpty, quantities.isSubset(of: [.effective, .lens]) else {
            throw ValidationError(
                field: "authorisation", reason: "only effective dose and the lens of the eye can be averaged")
        }
        guard DosePeriod.calendarYears(from: firstYear, count: 5) != nil else {
            throw ValidationError(field: "authorisation", reason: "the five years must lie within 1850–2200")
        }
        self.firstYear = firstYear
        self.quantities = quantities
    }

    /// The five years, 1 January of `firstYear` to 31 December four years later.
    public var years: ClosedRange<Int> { firstYear...(firstYear + 4) }

    /// The five years as a span of days.
    public var period: DosePeriod {
        // The initialiser checked that all five years are representable.
        DosePeriod.calendarYears(from: firstYear, count: 5)
            ?? DosePeriod(uncheckedBegin: CalendarDate.first, end: CalendarDate.last)
    }

    private enum CodingKeys: String, CodingKey {
        case firstYear, quantities
    }

    /// Decodes and checks the authorisation.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            firstYear: container.decode(Int.self, forKey: .firstYear),
            quantities: container.decode(Set<LimitedQuantity>.self, forKey: .quantities))
    }

    /// Whether the authorisation covers `quantity` in `year`.
    public func covers(_ quantity: LimitedQuantity, in year: Int) -> Bool {
        years.contains(year) && quantities.contains(quantity)
    }
}

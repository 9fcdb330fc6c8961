/// How the rest of a dose limitation period is measured when a limit is reduced pro rata.
public enum ProRataBasis: String, CaseIterable, Sendable, Codable {
    /// Days left over days in the period: 20 mSv × 92/366 after 30 September in a leap year.
    case days
    /// Whole calendar months left over months in the period: 20 mSv × 3/12 after 30 September. A month
    /// already begun does not count as left.
    case wholeMonths = "whole-months"
}

/// The limit that applies after an overexposure (IRR17 reg 27, worded as IRR99 reg 26).
///
/// For the remainder of the dose limitation period (the calendar year, or the five years of the special
/// case) commencing at the end of the dose assessment period in which the overexposure happened, the
/// employee may receive at most the proportion of the dose limit that the remainder bears to the whole
/// period. The remainder starts the day after the assessment period ends.
public enum Overexposure {
    /// The reduced limit for the rest of `limitationPeriod` after the assessment period ending on
    /// `assessmentPeriodEnd`: `limit × remainder / whole`, rounded down to the micro-sievert because the
    /// result is a ceiling on dose. The full limit if the assessment period ended before the limitation
    /// period began; zero if it ended on or after its last day.
    public static func reducedLimit(
        _ limit: Dose, for limitationPeriod: DosePeriod, afterAssessmentPeriodEnding assessmentPeriodEnd: CalendarDate,
        basis: ProRataBasis = .days
    ) -> Dose {
        guard assessmentPeriodEnd >= limitationPeriod.begin else { return limit }
        guard assessmentPeriodEnd < limitationPeriod.end else { return .zero }
        let (left, whole) = remainder(of: limitationPeriod, after: assessmentPeriodEnd, basis: basis)
        return limit.proportion(Int64(left), of: Int64(whole), rounding: .down)
    }

    /// The first period end at which the running total of `entries` (taken in period-end order) exceeds
    /// `limit`: the end of the dose assessment period in which the overexposure happened. `nil` if it never
    /// does. Entries ending on the same day count together.
    public static func firstExceeded(_ limit: Dose, by entries: [DoseEntry]) -> CalendarDate? {
        var total = Dose.zero
        for (end, group) in Dictionary(grouping: entries, by: \.period.end).sorted(by: { $0.key < $1.key }) {
            total = group.reduce(total) { $0 + $1.amount }
            if total > limit {
                return end
            }
        }
        return nil
    }

    // The part of the period left after `end` and the whole period, in days or whole months.
    private static func remainder(
        of period: DosePeriod, after end: CalendarDate, basis: ProRataBasis
    ) -> (left: Int, whole: Int) {
        let daysLeft = end.days(until: period.end)
        guard basis == .wholeMonths, let months = period.wholeMonths else {
            return (daysLeft, period.days)
        }
        // The months after the one the assessment period ends in: the rest of that month is not a whole one.
        func index(_ date: CalendarDate) -> Int { date.year * 12 + date.month }
        return (max(0, index(period.end) - index(end)), months)
    }
}

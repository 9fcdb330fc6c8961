extension CalendarDate {
    /// The date `days` later (earlier when negative), or `nil` when that leaves 1850–2200.
    public func adding(days: Int) -> CalendarDate? {
        let (target, overflow) = daysSince1970.addingReportingOverflow(days)
        guard !overflow, target >= Self.first.daysSince1970, target <= Self.last.daysSince1970 else {
            return nil
        }
        return Self.civil(fromDaysSince1970: target)
    }

    /// The number of days from this date to `other`: positive when `other` is later.
    public func days(until other: CalendarDate) -> Int {
        other.daysSince1970 - daysSince1970
    }

    /// Age in whole years on `date` for someone born on this date (negative before birth).
    ///
    /// A 29 February birthday counts on 1 March in years without one, as in UK law.
    public func age(on date: CalendarDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) {
            years -= 1
        }
        return years
    }

    /// The date `years` whole years after this one; 29 February becomes 1 March in a non-leap year.
    /// `nil` when that leaves 1850–2200.
    public func adding(years: Int) -> CalendarDate? {
        let (targetYear, overflow) = year.addingReportingOverflow(years)
        guard !overflow else { return nil }
        if month == 2, day == 29, !Self.isLeapYear(targetYear) {
            return CalendarDate(year: targetYear, month: 3, day: 1)
        }
        return CalendarDate(year: targetYear, month: month, day: day)
    }

    /// Days since 1970-01-01.
    public var daysSince1970: Int {
        GregorianDays.daysSince1970(year: year, month: month, day: day)
    }

    /// The date `days` after 1970-01-01, or `nil` outside 1850–2200.
    public init?(daysSince1970 days: Int) {
        guard days >= Self.first.daysSince1970, days <= Self.last.daysSince1970 else { return nil }
        self = Self.civil(fromDaysSince1970: days)
    }

    /// The date `days` after 1970-01-01; callers keep it in range.
    static func civil(fromDaysSince1970 days: Int) -> CalendarDate {
        let (year, month, day) = GregorianDays.civil(daysSince1970: days)
        return CalendarDate(uncheckedYear: year, month: month, day: day)
    }
}

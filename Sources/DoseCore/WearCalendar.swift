/// An organisation's wear-period calendar: monthly periods are calendar months; two-monthly and quarterly
/// periods are runs of whole months counted from an anchor month (January by default, so quarters are calendar
/// quarters). Every day falls in exactly one period of each frequency.
public struct WearCalendar: Hashable, Sendable {
    /// The month (1…12) in which two-monthly and quarterly cycles start.
    public let anchorMonth: Int

    /// Nil when `anchorMonth` is not 1…12.
    public init?(anchorMonth: Int = 1) {
        guard (1...12).contains(anchorMonth) else { return nil }
        self.anchorMonth = anchorMonth
    }

    /// The calendar with cycles starting in January.
    public static let calendarYear = WearCalendar(uncheckedAnchor: 1)

    private init(uncheckedAnchor: Int) {
        anchorMonth = uncheckedAnchor
    }

    /// The wear period of `frequency` that begins on the first of `month`, or nil when that frequency's cycle
    /// does not start that month (nobody on it gets a new dosemeter then).
    public func period(startingIn month: YearMonth, frequency: WearFrequency) -> DosePeriod? {
        guard offset(of: month, frequency: frequency) == 0 else { return nil }
        return span(from: month, months: frequency.months)
    }

    /// The wear period of `frequency` containing `date`.
    public func period(containing date: CalendarDate, frequency: WearFrequency) -> DosePeriod {
        let month = YearMonth(date)
        let start = YearMonth(ordinal: month.ordinal - offset(of: month, frequency: frequency))
        return span(from: start, months: frequency.months)
    }

    private func offset(of month: YearMonth, frequency: WearFrequency) -> Int {
        let length = frequency.months
        return ((month.ordinal - (anchorMonth - 1)) % length + length) % length
    }

    private func span(from start: YearMonth, months: Int) -> DosePeriod {
        let last = YearMonth(ordinal: start.ordinal + months - 1)
        return DosePeriod(uncheckedBegin: start.period.begin, end: last.period.end)
    }
}

/// A span of days, `begin` through `end` inclusive: a wear period, a calendar quarter or year, a pregnancy.
public struct DosePeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first day.
    public let begin: CalendarDate
    /// The last day, never before `begin`.
    public let end: CalendarDate

    /// Creates the period; refuses an end before the begin.
    public init(begin: CalendarDate, end: CalendarDate) throws(ValidationError) {
        guard begin <= end else {
            throw ValidationError(
                field: "period", reason: "a period cannot end (\(end.iso)) before it begins (\(begin.iso))")
        }
        self.begin = begin
        self.end = end
    }

    init(uncheckedBegin begin: CalendarDate, end: CalendarDate) {
        self.begin = begin
        self.end = end
    }

    /// The calendar year `year` (1 January to 31 December), or `nil` outside 1850–2200.
    public static func calendarYear(_ year: Int) -> DosePeriod? {
        guard (CalendarDate.minimumYear...CalendarDate.maximumYear).contains(year) else { return nil }
        return DosePeriod(
            uncheckedBegin: CalendarDate(uncheckedYear: year, month: 1, day: 1),
            end: CalendarDate(uncheckedYear: year, month: 12, day: 31))
    }

    /// The calendar years `first` through `first + count - 1`, or `nil` if any lies outside 1850–2200.
    public static func calendarYears(from first: Int, count: Int) -> DosePeriod? {
        guard count >= 1, let start = calendarYear(first), let finish = calendarYear(first + count - 1) else {
            return nil
        }
        return DosePeriod(uncheckedBegin: start.begin, end: finish.end)
    }

    /// The calendar year containing `date`.
    public static func calendarYear(containing date: CalendarDate) -> DosePeriod {
        DosePeriod(
            uncheckedBegin: CalendarDate(uncheckedYear: date.year, month: 1, day: 1),
            end: CalendarDate(uncheckedYear: date.year, month: 12, day: 31))
    }

    /// The calendar quarter (January–March, April–June, July–September, October–December) containing `date`.
    public static func quarter(containing date: CalendarDate) -> DosePeriod {
        let firstMonth = (date.month - 1) / 3 * 3 + 1
        let lastMonth = firstMonth + 2
        return DosePeriod(
            uncheckedBegin: CalendarDate(uncheckedYear: date.year, month: firstMonth, day: 1),
            end: CalendarDate(
                uncheckedYear: date.year, month: lastMonth,
                day: CalendarDate.daysInMonth(year: date.year, month: lastMonth)))
    }

    /// The calendar month `month` of `year`, or `nil` if there is no such month in 1850–2200.
    public static func month(year: Int, month: Int) -> DosePeriod? {
        guard let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
        let last = CalendarDate(
            uncheckedYear: year, month: month, day: CalendarDate.daysInMonth(year: year, month: month))
        return DosePeriod(uncheckedBegin: first, end: last)
    }

    /// The number of days, counting both ends: 1 for a single day, 366 for a leap year.
    public var days: Int {
        begin.days(until: end) + 1
    }

    /// The number of calendar months when the period is whole months (it begins on the 1st and ends on a
    /// month's last day), otherwise `nil`: 1 for 1–31 March, 3 for 1 January – 31 March.
    public var wholeMonths: Int? {
        guard begin.day == 1, end.day == CalendarDate.daysInMonth(year: end.year, month: end.month) else {
            return nil
        }
        return (end.year * 12 + end.month) - (begin.year * 12 + begin.month) + 1
    }

    /// Whether `date` lies in the period.
    public func contains(_ date: CalendarDate) -> Bool {
        begin <= date && date <= end
    }

    /// The number of days this period shares with `other` (0 when they do not meet).
    public func overlappingDays(with other: DosePeriod) -> Int {
        let first = max(begin, other.begin)
        let last = min(end, other.end)
        return first <= last ? first.days(until: last) + 1 : 0
    }

    /// `begin/end` in ISO 8601 interval form, e.g. `2024-03-01/2024-03-31`.
    public var description: String { "\(begin.iso)/\(end.iso)" }

    private enum CodingKeys: String, CodingKey {
        case begin, end
    }

    /// Decodes `{"begin": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`, refusing an end before the begin.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            begin: container.decode(CalendarDate.self, forKey: .begin),
            end: container.decode(CalendarDate.self, forKey: .end))
    }

    /// Encodes `{"begin": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(begin, forKey: .begin)
        try container.encode(end, forKey: .end)
    }
}

/// A calendar month, as in an issue list for "2026-03".
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1…12.
    public let month: Int

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM` in 1850–2200; anything else is a ``ValidationError`` on field `period`.
    public init(parsing text: String) throws(ValidationError) {
        let bytes = Array(text.utf8)
        let digits = bytes.indices.filter { $0 != 4 }
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), digits.allSatisfy({ (48...57).contains(bytes[$0]) })
        else { throw ValidationError(field: "period", reason: "must be a month as YYYY-MM") }
        let number = { (range: Range<Int>) in bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let year = number(0..<4)
        let month = number(5..<7)
        guard (1...12).contains(month), (CalendarDate.minimumYear...CalendarDate.maximumYear).contains(year) else {
            throw ValidationError(field: "period", reason: "must be a month as YYYY-MM between 1850-01 and 2200-12")
        }
        self.init(year: year, month: month)
    }

    /// The month containing `date`.
    public init(_ date: CalendarDate) {
        self.init(year: date.year, month: date.month)
    }

    /// The whole month as a period.
    public var period: DosePeriod {
        // Valid by construction: the year is in range and the month is 1…12.
        DosePeriod(
            uncheckedBegin: CalendarDate(uncheckedYear: year, month: month, day: 1),
            end: CalendarDate(
                uncheckedYear: year, month: month, day: CalendarDate.daysInMonth(year: year, month: month)))
    }

    /// Months since year 0, for arithmetic.
    var ordinal: Int { year * 12 + month - 1 }

    init(ordinal: Int) {
        self.init(year: ordinal / 12, month: ordinal % 12 + 1)
    }

    public var description: String {
        let padded = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(padded)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ordinal < rhs.ordinal }
}

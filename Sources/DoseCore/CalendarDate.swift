import Foundation

/// A day in the Gregorian calendar with no time or zone: a date of birth, a wear-period boundary.
///
/// Only years 1850–2200 are representable, which covers every date the service meets and keeps the ISO
/// text form four digits wide. Codable as `YYYY-MM-DD`.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, 1850–2200.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// The first representable year.
    public static let minimumYear = 1850
    /// The last representable year.
    public static let maximumYear = 2200

    /// Creates the date if it exists in the Gregorian calendar and lies in 1850–2200.
    public init?(year: Int, month: Int, day: Int) {
        guard (Self.minimumYear...Self.maximumYear).contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses strict ISO 8601 `YYYY-MM-DD` (nothing before or after, ASCII digits only).
    public init(iso: String) throws(ValidationError) {
        var text = iso
        let parsed = text.withUTF8 { Self.parseISO($0) }
        try self.init(parsed: parsed, text: iso)
    }

    /// Parses the UTF-8 bytes of a `YYYY-MM-DD` date, as ``init(iso:)`` parses text: a store decoding rows reads
    /// the column's bytes without making a String of them.
    public init(isoUTF8 bytes: UnsafeBufferPointer<UInt8>) throws(ValidationError) {
        try self.init(parsed: Self.parseISO(bytes), text: String(decoding: bytes.prefix(40), as: UTF8.self))
    }

    private init(parsed: (year: Int, month: Int, day: Int)?, text: String) throws(ValidationError) {
        guard let parsed else {
            throw ValidationError(field: "date", reason: "a date must be written YYYY-MM-DD, e.g. 1984-03-07")
        }
        let (year, month, day) = parsed
        guard let date = Self(year: year, month: month, day: day) else {
            if !(Self.minimumYear...Self.maximumYear).contains(year) {
                throw ValidationError(
                    field: "date",
                    reason: "the year must be between \(Self.minimumYear) and \(Self.maximumYear)")
            }
            throw ValidationError(field: "date", reason: "\(text) is not a day in the calendar")
        }
        self = date
    }

    private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return nil }
        return (year, month, day)
    }

    /// The UTC calendar day containing `date`. Instants outside 1850–2200 give the nearest supported day.
    public init(_ date: Date) {
        let days = (date.timeIntervalSince1970 / 86_400).rounded(.down)
        let lowest = Double(Self.first.daysSince1970)
        let highest = Double(Self.last.daysSince1970)
        // NaN compares false with everything, so it falls through to the lowest day.
        let clamped = days >= lowest ? min(days, highest) : lowest
        self = Self.civil(fromDaysSince1970: Int(clamped))
    }

    /// Today's UTC calendar day at `now`.
    public static func today(now: Date) -> CalendarDate {
        CalendarDate(now)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        String(unsafeUninitializedCapacity: 10) { text in
            writeISO(into: text)
            return 10
        }
    }

    /// Writes ``iso``'s 10 bytes into `text`, which must hold 10 (supported years have four digits).
    public func writeISO(into text: UnsafeMutableBufferPointer<UInt8>) {
        precondition(text.count >= 10, "a date's text is 10 bytes")
        func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value % 10) }
        text[0] = digit(year / 1000)
        text[1] = digit(year / 100)
        text[2] = digit(year / 10)
        text[3] = digit(year)
        text[4] = UInt8(ascii: "-")
        text[5] = digit(month / 10)
        text[6] = digit(month)
        text[7] = UInt8(ascii: "-")
        text[8] = digit(day / 10)
        text[9] = digit(day)
    }

    /// `YYYY-MM-DD`.
    public var description: String { iso }

    /// Orders by year, then month, then day.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes from `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try Self(iso: container.decode(String.self))
    }

    /// Encodes as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// 1850-01-01, the earliest date a record holds.
    public static let first = CalendarDate(uncheckedYear: minimumYear, month: 1, day: 1)
    /// 2200-12-31, the latest date a record holds.
    public static let last = CalendarDate(uncheckedYear: maximumYear, month: 12, day: 31)

    init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}

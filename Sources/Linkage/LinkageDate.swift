/// A calendar day as written on a record: a date of birth or of death. No calendar validation beyond
/// plausible ranges, because linkage must still compare a date a clerk mistyped (31 June) with the right one.
public struct LinkageDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 1984.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Creates a date from its parts; `nil` unless the year is 1000–2999, the month 1–12 and the day 1–31.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...2999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    // For dates built from parts already known to be in range.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD` (ASCII digits only, surrounding spaces ignored).
    public init?(iso text: String) {
        var digits: [Int] = []
        var dashes = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(Int(byte &- UInt8(ascii: "0")))
            case UInt8(ascii: "-"): dashes += 1
            case UInt8(ascii: " "): continue
            default: return nil
            }
            if digits.count > 8 { return nil }
        }
        guard digits.count == 8, dashes == 0 || dashes == 2 else { return nil }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        self.init(year: number(0..<4), month: number(4..<6), day: number(6..<8))
    }

    /// The date as one integer `YYYYMMDD`, which orders like the date.
    public var packed: Int32 { Int32(year * 10_000 + month * 100 + day) }

    /// Rebuilds a date from ``packed``.
    init?(packed: Int32) {
        let value = Int(packed)
        self.init(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders by year, then month, then day.
    public static func < (lhs: LinkageDate, rhs: LinkageDate) -> Bool { lhs.packed < rhs.packed }
}

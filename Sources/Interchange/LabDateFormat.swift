import DoseCore

/// How the dates in a lab export are written. Labs differ and `01/02/2026` means different days in
/// different countries, so the caller states the format for each file; it is never guessed.
public enum LabDateFormat: String, CaseIterable, Hashable, Sendable {
    /// `YYYY-MM-DD`, e.g. `2026-01-31`.
    case iso
    /// `DD/MM/YYYY`, e.g. `31/01/2026` (UK and most of the world).
    case dayMonthYear
    /// `MM/DD/YYYY`, e.g. `01/31/2026` (US).
    case monthDayYear

    /// The pattern, as a person would read it: `YYYY-MM-DD`, `DD/MM/YYYY` or `MM/DD/YYYY`.
    public var pattern: String {
        switch self {
        case .iso: "YYYY-MM-DD"
        case .dayMonthYear: "DD/MM/YYYY"
        case .monthDayYear: "MM/DD/YYYY"
        }
    }

    /// 31 January 2026 written in this format.
    var example: String {
        switch self {
        case .iso: "2026-01-31"
        case .dayMonthYear: "31/01/2026"
        case .monthDayYear: "01/31/2026"
        }
    }

    /// Reads `text` in this format. Day and month may have one or two digits in the slash formats; the
    /// year always has four.
    public func date(from text: String) throws(ValidationError) -> CalendarDate {
        let mismatch = ValidationError(
            field: "date",
            reason: "must be a date written \(pattern), the format stated for this file, e.g. \(example)"
                + " (found \(Self.excerpt(text)))")
        guard self != .iso else {
            do {
                return try CalendarDate(iso: text)
            } catch {
                // CalendarDate's own reason covers impossible days and years out of range.
                throw text.utf8.count == 10 && !text.contains("/") ? error : mismatch
            }
        }
        let parts = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 3, let first = Self.number(parts[0], digits: 1...2),
            let second = Self.number(parts[1], digits: 1...2), let year = Self.number(parts[2], digits: 4...4)
        else { throw mismatch }
        let (day, month) = self == .dayMonthYear ? (first, second) : (second, first)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            if !(CalendarDate.minimumYear...CalendarDate.maximumYear).contains(year) {
                throw ValidationError(
                    field: "date",
                    reason: "the year must be between \(CalendarDate.minimumYear) and \(CalendarDate.maximumYear)")
            }
            throw ValidationError(
                field: "date", reason: "\(Self.excerpt(text)) is not a day in the calendar when read as \(pattern)")
        }
        return date
    }

    private static func number(_ digits: Substring.UTF8View, digits range: ClosedRange<Int>) -> Int? {
        guard range.contains(digits.count) else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func excerpt(_ text: String) -> String {
        text.count > 32 ? String(text.prefix(32)) + "…" : text
    }
}

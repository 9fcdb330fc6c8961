/// Reads the `updated_at` text of a record into seconds since 1970 UTC, so records from senders that write
/// different offsets still order correctly.
enum Timestamp {
    /// Accepts `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM`, `:SS`, a fraction, and `Z` or
    /// `±HH:MM`; `nil` for anything else.
    static func seconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard Normalise.isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += width
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard index < bytes.count else { return seconds }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")), let hour = number(2),
            expect(UInt8(ascii: ":")), let minute = number(2)
        else { return nil }
        seconds += Int64(hour * 3600 + minute * 60)
        if expect(UInt8(ascii: ":")) {
            guard let second = number(2) else { return nil }
            seconds += Int64(second)
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                while index < bytes.count, Normalise.isDigit(bytes[index]) { index += 1 }
            }
        }
        if index == bytes.count || (expect(UInt8(ascii: "Z")) && index == bytes.count) { return seconds }
        let sign: Int64
        if expect(UInt8(ascii: "+")) {
            sign = 1
        } else if expect(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let offsetHours = number(2) else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let offsetMinutes = number(2) ?? 0
        guard index == bytes.count else { return nil }
        return seconds - sign * Int64(offsetHours * 3600 + offsetMinutes * 60)
    }

    // Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

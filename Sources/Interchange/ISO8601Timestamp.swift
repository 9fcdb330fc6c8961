import DoseCore
import Foundation

/// Strict RFC 3339 timestamps (`2024-05-01T10:20:30Z`, `2024-05-01T11:20:30.25+01:00`), parsed and
/// written with integer arithmetic so the result is the same on every platform.
public enum ISO8601Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS`, optional `.` and 1–9 fraction digits, then `Z` or `±HH:MM`.
    /// `T` and `Z` may be lower case. Returns `nil` for anything else, including leap seconds.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8.prefix(40))
        guard bytes.count >= 20, bytes.count < 40 else { return nil }
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += width
            return value
        }
        func expect(_ allowed: String) -> Bool {
            guard index < bytes.count, allowed.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("Tt"), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2),
            (1...12).contains(month), day >= 1, day <= CalendarDate.daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var nanoseconds = 0
        if expect(".") {
            var digits = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                guard digits < 9 else { return nil }
                nanoseconds = nanoseconds * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 {
                nanoseconds *= 10
            }
        }
        var offsetSeconds = 0
        if !expect("Zz") {
            guard index < bytes.count else { return nil }
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard expect("+-"), let offsetHours = number(2), expect(":"), let offsetMinutes = number(2),
                offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard index == bytes.count else { return nil }
        let days = GregorianDays.daysSince1970(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    /// Writes `date` in UTC as `YYYY-MM-DDTHH:MM:SSZ`, with up to six fraction digits (trailing zeros
    /// dropped) when it has a fraction of a second. Instants outside years 0001–9999 (or not finite) are
    /// written as the epoch, since the format cannot hold them.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, interval >= -62_135_596_800, interval < 253_402_300_800 else {
            return "1970-01-01T00:00:00Z"
        }
        var whole = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(whole)) * 1e6).rounded())
        if micros == 1_000_000 {
            whole += 1
            micros = 0
        }
        let days = whole >= 0 ? whole / 86_400 : -((-whole + 86_399) / 86_400)
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = GregorianDays.civil(daysSince1970: days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if micros > 0 {
            var fraction = pad(micros, 6)
            while fraction.hasSuffix("0") {
                fraction.removeLast()
            }
            text += ".\(fraction)"
        }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

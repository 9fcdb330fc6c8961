import DoseCore
import Foundation

/// Issue times as whole seconds in UTC, written `YYYY-MM-DDTHH:MM:SSZ`: readable by the people a passbook is
/// shown to, and one spelling per instant.
enum PassbookTime {
    /// The whole second containing `date` (rounded down), or `nil` outside the years ``CalendarDate`` covers.
    static func seconds(_ date: Date) -> Int64? {
        let value = date.timeIntervalSince1970.rounded(.down)
        // NaN and infinities fail both comparisons.
        guard value >= Double(lowest), value <= Double(highest) else { return nil }
        return Int64(value)
    }

    /// The instant `seconds` after the Unix epoch.
    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(seconds))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func text(_ seconds: Int64) -> String {
        let (days, second) = seconds.quotientAndRemainder(dividingBy: 86_400)
        // Round the day towards minus infinity so times before 1970 fall on the right day.
        let day = second < 0 ? days - 1 : days
        let secondOfDay = second < 0 ? second + 86_400 : second
        // Callers pass seconds from `seconds(_:)` or `parse(_:)`, which stay within CalendarDate's years.
        let date = CalendarDate(daysSince1970: Int(day))?.iso ?? "0000-00-00"
        return "\(date)T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))Z"
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (a real calendar day, hours 00–23, minutes and seconds 00–59).
    static func parse(_ text: some Collection<UInt8>) -> Int64? {
        let bytes = Array(text)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
            let date = try? CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = twoDigits(bytes[11..<13]), hour < 24,
            let minute = twoDigits(bytes[14..<16]), minute < 60,
            let second = twoDigits(bytes[17..<19]), second < 60
        else { return nil }
        return Int64(date.daysSince1970) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    private static let lowest =
        Int64(GregorianDays.daysSince1970(year: CalendarDate.minimumYear, month: 1, day: 1))
        * 86_400
    private static let highest =
        Int64(GregorianDays.daysSince1970(year: CalendarDate.maximumYear, month: 12, day: 31)) * 86_400 + 86_399

    private static func pad(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func twoDigits(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}

import DoseCore
import Foundation
import Testing

@Suite("Calendar date")
struct CalendarDateTests {
    @Test("valid days exist and impossible ones do not")
    func validity() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2023, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2023, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2023, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2023, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 1849, month: 12, day: 31) == nil)
        #expect(CalendarDate(year: 1850, month: 1, day: 1) != nil)
        #expect(CalendarDate(year: 2200, month: 12, day: 31) != nil)
        #expect(CalendarDate(year: 2201, month: 1, day: 1) == nil)
    }

    @Test("parses and prints strict ISO dates")
    func iso() throws {
        let date = try CalendarDate(iso: "1984-03-07")
        #expect(date.year == 1984 && date.month == 3 && date.day == 7)
        #expect(date.iso == "1984-03-07")
        #expect(date.description == "1984-03-07")
    }

    @Test(
        "refuses anything but YYYY-MM-DD of a real day",
        arguments: [
            "", "2023-02-29", "2023-13-01", "07/03/1984", "1984-3-7", "1984-03-07T00:00:00Z", " 1984-03-07",
            "1984-03-07 ", "19840307", "+1984-03-07", "1984-03-0７", "1849-12-31", "2201-01-01", "abcd-ef-gh",
            "1984/03/07", String(repeating: "1", count: 100_000),
        ])
    func refuses(text: String) {
        #expect(throws: ValidationError.self) { try CalendarDate(iso: text) }
    }

    @Test("a date's UTF-8 bytes parse exactly as its text does, or fail with the same reason")
    func bytesParseAsText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-- /x")
        for _ in 0..<2_000 {
            let digits = { (count: Int) in
                String((0..<count).map { _ in Character("\(Int.random(in: 0...9, using: &generator))") })
            }
            let text: String
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                // Real days, and some outside the supported years.
                text =
                    (CalendarDate(year: Int.random(in: 1850...2200, using: &generator), month: 1, day: 1)?
                        .adding(days: Int.random(in: 0...365, using: &generator))?.iso) ?? "1850-01-01"
            case 1:
                // The right shape with any digits: bad months, days and years.
                text = "\(digits(4))-\(digits(2))-\(digits(2))"
            default:
                text = String(
                    (0..<Int.random(in: 8...11, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator) ?? "0"
                    })
            }
            var bytes = text
            let fromBytes = bytes.withUTF8 { buffer in
                Result { () throws(ValidationError) in try CalendarDate(isoUTF8: buffer) }
            }
            let fromText = Result { () throws(ValidationError) in try CalendarDate(iso: text) }
            switch (fromBytes, fromText) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a.reason == b.reason, "\(text)")
            default: Issue.record("bytes and text disagree on \(text)")
            }
        }
    }

    @Test("day arithmetic crosses months, years and leap days")
    func arithmetic() throws {
        let date = try CalendarDate(iso: "2024-02-28")
        #expect(date.adding(days: 1)?.iso == "2024-02-29")
        #expect(date.adding(days: 2)?.iso == "2024-03-01")
        #expect(try CalendarDate(iso: "2023-12-31").adding(days: 1)?.iso == "2024-01-01")
        #expect(try CalendarDate(iso: "2024-01-01").adding(days: -1)?.iso == "2023-12-31")
        #expect(try CalendarDate(iso: "2000-01-01").days(until: CalendarDate(iso: "2001-01-01")) == 366)
        #expect(try CalendarDate(iso: "2001-01-01").days(until: CalendarDate(iso: "2000-01-01")) == -366)
        #expect(try CalendarDate(iso: "1970-01-01").daysSince1970 == 0)
        #expect(try CalendarDate(iso: "2200-12-31").adding(days: 1) == nil)
        #expect(try CalendarDate(iso: "1850-01-01").adding(days: -1) == nil)
        #expect(try CalendarDate(iso: "2000-01-01").adding(days: .max) == nil)
    }

    @Test("adding days and counting days agree across the whole range")
    func arithmeticRoundTrip() throws {
        let first = try CalendarDate(iso: "1850-01-01")
        var previous = first
        var count = 0
        while let next = previous.adding(days: 1) {
            count += 1
            #expect(next > previous)
            #expect(previous.days(until: next) == 1)
            let expected = previous.day < CalendarDate.daysInMonth(year: previous.year, month: previous.month)
            if expected {
                #expect(next.day == previous.day + 1 && next.month == previous.month)
            } else {
                #expect(next.day == 1)
            }
            previous = next
        }
        #expect(previous.iso == "2200-12-31")
        #expect(first.days(until: previous) == count)
    }

    @Test(
        "age counts whole years and a 29 February birthday counts on 1 March",
        arguments: [
            ("2000-06-15", "2018-06-14", 17), ("2000-06-15", "2018-06-15", 18), ("2004-02-29", "2022-02-28", 17),
            ("2004-02-29", "2022-03-01", 18), ("2004-02-29", "2024-02-29", 20), ("2010-01-01", "2009-12-31", -1),
        ])
    func age(birth: String, on: String, expected: Int) throws {
        #expect(try CalendarDate(iso: birth).age(on: CalendarDate(iso: on)) == expected)
    }

    @Test("the UTC day of an instant is used")
    func fromDate() {
        #expect(CalendarDate(Date(timeIntervalSince1970: 0)).iso == "1970-01-01")
        #expect(CalendarDate(Date(timeIntervalSince1970: 86_399.999)).iso == "1970-01-01")
        #expect(CalendarDate(Date(timeIntervalSince1970: -0.001)).iso == "1969-12-31")
        #expect(CalendarDate.today(now: Date(timeIntervalSince1970: 1_709_164_800)).iso == "2024-02-29")
        #expect(CalendarDate(Date.distantFuture).iso == "2200-12-31")
        #expect(CalendarDate(Date.distantPast).iso == "1850-01-01")
        #expect(CalendarDate(Date(timeIntervalSince1970: .nan)).iso == "1850-01-01")
    }

    @Test("dates order chronologically and encode as ISO strings")
    func orderAndCoding() throws {
        let dates = try ["2024-01-02", "2023-12-31", "2024-01-01"].map { try CalendarDate(iso: $0) }
        #expect(dates.sorted().map(\.iso) == ["2023-12-31", "2024-01-01", "2024-01-02"])
        let data = try JSONEncoder().encode(dates)
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-01-02","2023-12-31","2024-01-01"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == dates)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
    }

    @Test("adding years keeps the day, moving 29 February to 1 March")
    func addingYears() throws {
        #expect(try CalendarDate(iso: "2004-02-29").adding(years: 18)?.iso == "2022-03-01")
        #expect(try CalendarDate(iso: "2004-02-29").adding(years: 20)?.iso == "2024-02-29")
        #expect(try CalendarDate(iso: "2190-05-01").adding(years: 20) == nil)
    }
}

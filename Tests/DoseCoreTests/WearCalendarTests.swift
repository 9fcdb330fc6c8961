import DoseCore
import Testing

@Suite("Wear-period calendar")
struct WearCalendarTests {
    typealias F = DoseFixtures

    @Test(
        "a wear period starts in a month only when the frequency's cycle starts there",
        arguments: [
            // frequency, anchor month, issue month, expected begin…end (nil: no period starts that month)
            (WearFrequency.monthly, 1, "2026-02", ("2026-02-01", "2026-02-28") as (String, String)?),
            (.monthly, 4, "2024-02", ("2024-02-01", "2024-02-29")),
            (.twoMonthly, 1, "2026-01", ("2026-01-01", "2026-02-28")),
            (.twoMonthly, 1, "2026-02", nil),
            (.twoMonthly, 2, "2026-12", ("2026-12-01", "2027-01-31")),
            (.quarterly, 1, "2026-04", ("2026-04-01", "2026-06-30")),
            (.quarterly, 1, "2026-05", nil),
            (.quarterly, 2, "2026-11", ("2026-11-01", "2027-01-31")),
            (.quarterly, 12, "2026-03", ("2026-03-01", "2026-05-31")),
        ])
    func periodStarting(frequency: WearFrequency, anchor: Int, month: String, expected: (String, String)?) throws {
        let calendar = try #require(WearCalendar(anchorMonth: anchor))
        let issueMonth = try YearMonth(parsing: month)
        #expect(calendar.period(startingIn: issueMonth, frequency: frequency) == expected.map { F.period($0.0, $0.1) })
    }

    @Test("every day belongs to exactly one period of each frequency, and periods tile the years without gaps")
    func tiling() throws {
        for anchor in 1...12 {
            let calendar = try #require(WearCalendar(anchorMonth: anchor))
            for frequency in WearFrequency.allCases {
                var day = F.day("2023-11-01")
                var previous: DosePeriod?
                while day <= F.day("2026-03-31") {
                    let period = calendar.period(containing: day, frequency: frequency)
                    #expect(period.contains(day))
                    #expect(period.wholeMonths == frequency.months)
                    let start = YearMonth(period.begin)
                    #expect(calendar.period(startingIn: start, frequency: frequency) == period)
                    if let previous, previous != period {
                        #expect(previous.end.adding(days: 1) == period.begin)
                    }
                    previous = period
                    day = try #require(day.adding(days: 1))
                }
            }
        }
    }

    @Test("anchor months outside 1–12 are refused", arguments: [0, 13, -1, Int.max])
    func badAnchor(anchor: Int) {
        #expect(WearCalendar(anchorMonth: anchor) == nil)
    }

    @Test(
        "issue months parse strictly as YYYY-MM",
        arguments: [
            "2026-1", "2026-13", "2026-00", "26-01", "2026/01", "2026-01-01", "", "abcd-ef", "1849-12", "2201-01",
            "２０２６-01", "2026-01\n",
        ])
    func badMonths(text: String) {
        #expect(throws: ValidationError.self) { try YearMonth(parsing: text) }
    }

    @Test("a year-month prints as it parses")
    func roundTrip() throws {
        #expect(try YearMonth(parsing: "2026-03").description == "2026-03")
        #expect(try YearMonth(parsing: "2026-03").period == F.period("2026-03-01", "2026-03-31"))
    }
}

import DoseCore
import Testing

@Suite("Dose periods")
struct DosePeriodTests {
    typealias F = DoseFixtures

    @Test(
        "quarters are calendar quarters",
        arguments: [
            ("2024-01-01", "2024-01-01", "2024-03-31"), ("2024-02-29", "2024-01-01", "2024-03-31"),
            ("2024-04-01", "2024-04-01", "2024-06-30"), ("2023-09-30", "2023-07-01", "2023-09-30"),
            ("2023-12-31", "2023-10-01", "2023-12-31"),
        ])
    func quarters(date: String, begin: String, end: String) {
        #expect(DosePeriod.quarter(containing: F.day(date)) == F.period(begin, end))
    }

    @Test("days and whole months count both ends")
    func lengths() throws {
        #expect(F.month(2024, 2).days == 29)
        #expect(F.month(2023, 2).days == 28)
        #expect(try #require(DosePeriod.calendarYear(2024)).days == 366)
        #expect(F.period("2023-12-01", "2024-02-29").wholeMonths == 3)
        #expect(F.period("2023-12-01", "2024-02-28").wholeMonths == nil)
        #expect(F.period("2023-12-02", "2024-02-29").wholeMonths == nil)
        #expect(F.period("2024-03-05", "2024-03-05").days == 1)
        #expect(F.period("2024-03-01", "2024-03-31").overlappingDays(with: F.period("2024-03-31", "2024-04-30")) == 1)
        #expect(F.period("2024-03-01", "2024-03-30").overlappingDays(with: F.period("2024-03-31", "2024-04-30")) == 0)
        #expect(DosePeriod.calendarYear(1849) == nil)
        #expect(DosePeriod.calendarYears(from: 2197, count: 5) == nil)
        #expect(DosePeriod.month(year: 2024, month: 13) == nil)
        #expect(F.period("2024-03-01", "2024-03-31").description == "2024-03-01/2024-03-31")
    }
}

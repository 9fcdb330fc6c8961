import DoseCore
import Testing

@Suite("Overexposure: reduced pro-rata limits (reg 27)")
struct OverexposureTests {
    typealias F = DoseFixtures

    @Test(
        "the limit for the rest of the year is limit × days left / days in the year, rounded down",
        arguments: [
            // 20,000 × 334 / 365 = 18,301.37
            (Int64(20_000), 2023, "2023-01-31", Int64(18_301)),
            // 20,000 × 184 / 365 = 10,082.19
            (20_000, 2023, "2023-06-30", 10_082),
            // 20,000 × 92 / 365 = 5,041.10
            (20_000, 2023, "2023-09-30", 5_041),
            // A leap year has 366 days: 20,000 × 92 / 366 = 5,027.32
            (20_000, 2024, "2024-09-30", 5_027),
            // 20,000 × 306 / 366 = 16,721.31, the assessment period ending on 29 February
            (20_000, 2024, "2024-02-29", 16_721),
            // Trainee: 6,000 × 184 / 365 = 3,024.66
            (6_000, 2023, "2023-06-30", 3_024),
            // Lens: 20,000 × 61 / 365 = 3,342.47
            (20_000, 2023, "2023-10-31", 3_342),
            (20_000, 2023, "2023-12-31", 0),
            (20_000, 2023, "2024-01-31", 0),
            (20_000, 2023, "2022-12-31", 20_000),
        ])
    func days(limit: Int64, year: Int, assessmentEnd: String, expected: Int64) throws {
        let period = try #require(DosePeriod.calendarYear(year))
        let reduced = Overexposure.reducedLimit(
            F.mSv(limit), for: period, afterAssessmentPeriodEnding: F.day(assessmentEnd))
        #expect(reduced == F.mSv(expected))
    }

    @Test(
        "by whole months, only months after the one the assessment period ends in are left",
        arguments: [
            ("2023-09-30", Int64(5_000)), ("2023-09-15", 5_000), ("2023-01-31", 18_333), ("2023-11-30", 1_666),
            ("2023-12-01", 0),
        ])
    func wholeMonths(assessmentEnd: String, expected: Int64) throws {
        let period = try #require(DosePeriod.calendarYear(2023))
        let reduced = Overexposure.reducedLimit(
            F.mSv(20_000), for: period, afterAssessmentPeriodEnding: F.day(assessmentEnd), basis: .wholeMonths)
        #expect(reduced == F.mSv(expected))
    }

    @Test("in the special case the five-year limit is reduced over the rest of the five years")
    func fiveYears() throws {
        let five = try #require(DosePeriod.calendarYears(from: 2020, count: 5))
        #expect(five.days == 1_827)
        // 100,000 × 731 / 1,827 = 40,010.95
        let byDays = Overexposure.reducedLimit(
            F.mSv(100_000), for: five, afterAssessmentPeriodEnding: F.day("2022-12-31"))
        #expect(byDays == F.mSv(40_010))
        let byMonths = Overexposure.reducedLimit(
            F.mSv(100_000), for: five, afterAssessmentPeriodEnding: F.day("2022-12-31"), basis: .wholeMonths)
        #expect(byMonths == F.mSv(40_000))
    }

    @Test("the overexposure is dated by the first period end at which the running total passes the limit")
    func firstExceeded() throws {
        let entries = [
            try F.entry(1, F.month(2023, 1), .effective, 12_000),
            try F.entry(2, F.month(2023, 2), .effective, 8_000),
            try F.entry(3, F.period("2023-01-01", "2023-03-31"), .neutron, 1),
            try F.entry(4, F.month(2023, 3), .effective, 0),
            try F.entry(5, F.month(2023, 4), .effective, 5_000),
        ]
        #expect(Overexposure.firstExceeded(F.mSv(20_000), by: entries) == F.day("2023-03-31"))
        #expect(Overexposure.firstExceeded(F.mSv(19_999), by: entries) == F.day("2023-02-28"))
        #expect(Overexposure.firstExceeded(F.mSv(25_001), by: entries) == nil)
        #expect(Overexposure.firstExceeded(F.mSv(0), by: []) == nil)
    }
}

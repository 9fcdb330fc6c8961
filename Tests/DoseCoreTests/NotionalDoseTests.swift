import DoseCore
import Testing

@Suite("Notional doses (reg 23)")
struct NotionalDoseTests {
    typealias F = DoseFixtures

    @Test(
        "whole calendar months take months/12 of the class limit, rounded half up to the µSv",
        arguments: [
            // 20 mSv / 12 = 1,666.67 µSv → 1,667 µSv, whatever the month's length.
            (WorkerClass.employee, LimitedQuantity.effective, "2023-01-01", "2023-01-31", Int64(1_667)),
            (.employee, .effective, "2023-02-01", "2023-02-28", 1_667),
            (.employee, .effective, "2024-02-01", "2024-02-29", 1_667),
            (.employee, .effective, "2023-01-01", "2023-02-28", 3_333),
            (.employee, .effective, "2023-01-01", "2023-03-31", 5_000),
            (.employee, .effective, "2023-10-01", "2023-12-31", 5_000),
            (.employee, .effective, "2023-12-01", "2024-02-29", 5_000),
            (.employee, .effective, "2023-01-01", "2023-12-31", 20_000),
            (.employee, .lens, "2023-05-01", "2023-05-31", 1_667),
            (.employee, .skin, "2023-05-01", "2023-05-31", 41_667),
            (.employee, .extremity, "2023-04-01", "2023-06-30", 125_000),
            (.trainee, .effective, "2023-05-01", "2023-05-31", 500),
            (.trainee, .effective, "2023-05-01", "2023-06-30", 1_000),
            (.trainee, .effective, "2023-04-01", "2023-06-30", 1_500),
            (.trainee, .lens, "2023-05-01", "2023-05-31", 1_250),
            (.trainee, .extremity, "2023-05-01", "2023-05-31", 12_500),
            (.otherPerson, .effective, "2023-05-01", "2023-05-31", 83),
            (.otherPerson, .effective, "2023-04-01", "2023-06-30", 250),
        ])
    func wholeMonths(
        workerClass: WorkerClass, quantity: LimitedQuantity, begin: String, end: String, microsieverts: Int64
    ) {
        let dose = NotionalDose.amount(for: F.period(begin, end), quantity: quantity, workerClass: workerClass)
        #expect(dose == F.mSv(microsieverts))
    }

    @Test(
        "other periods take days/365 of the limit, both end days counted, even in a leap year",
        arguments: [
            // 20,000 × 31 / 365 = 1,698.63
            (WorkerClass.employee, "2023-01-15", "2023-02-14", Int64(1_699)),
            (.employee, "2024-01-15", "2024-02-14", 1_699),
            // 20,000 / 365 = 54.79
            (.employee, "2024-02-29", "2024-02-29", 55),
            // 20,000 × 7 / 365 = 383.56
            (.employee, "2023-03-06", "2023-03-12", 384),
            // 20,000 × 14 / 365 = 767.12, straddling the year end
            (.employee, "2023-12-25", "2024-01-07", 767),
            // 6,000 × 14 / 365 = 230.14
            (.trainee, "2023-12-25", "2024-01-07", 230),
            // 1,000 × 10 / 365 = 27.40
            (.otherPerson, "2023-06-10", "2023-06-19", 27),
        ])
    func oddPeriods(workerClass: WorkerClass, begin: String, end: String, microsieverts: Int64) {
        let dose = NotionalDose.amount(for: F.period(begin, end), quantity: .effective, workerClass: workerClass)
        #expect(dose == F.mSv(microsieverts))
    }

    @Test("the rounding is configuration: rounding down gives 1,666 µSv a month")
    func roundingDown() {
        var limits = DoseLimitsTable.irr17
        limits.notionalRounding = .down
        let dose = NotionalDose.amount(
            for: F.month(2023, 3), quantity: .effective, workerClass: .employee, limits: limits)
        #expect(dose == F.mSv(1_666))
    }

    @Test("twelve rounded monthly notional doses come to 4 µSv over the annual limit")
    func twelveMonths() {
        let months = (1...12).map {
            NotionalDose.amount(for: F.month(2023, $0), quantity: .effective, workerClass: .employee)
        }
        #expect(months.reduce(Dose.zero, +) == F.mSv(20_004))
    }

    @Test(
        "proportions are exact integer arithmetic with the stated rounding",
        arguments: [
            (Int64(20_000), Int64(1), Int64(12), DoseRounding.halfUp, Int64(1_667)),
            (20_000, 1, 12, .down, 1_666), (20_000, 1, 12, .up, 1_667),
            (3, 1, 2, .halfUp, 2), (3, 1, 2, .down, 1), (3, 1, 2, .up, 2),
            (1, 1, 3, .halfUp, 0), (2, 1, 3, .halfUp, 1), (5, 1, 10, .halfUp, 1), (4, 1, 10, .halfUp, 0),
            (20_000, 0, 12, .up, 0), (0, 5, 7, .up, 0), (20_000, 12, 12, .down, 20_000),
            (20_000, 24, 12, .halfUp, 40_000), (Int64.max, 1, 1, .up, Int64.max), (Int64.max, 3, 1, .down, Int64.max),
            (Int64.max, 3, 4, .down, 6_917_529_027_641_081_855),
        ])
    func proportion(dose: Int64, numerator: Int64, denominator: Int64, rounding: DoseRounding, expected: Int64) {
        #expect(F.mSv(dose).proportion(numerator, of: denominator, rounding: rounding) == F.mSv(expected))
    }
}

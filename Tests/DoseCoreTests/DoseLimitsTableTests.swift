import DoseCore
import Testing

@Suite("IRR17 dose limits table")
struct DoseLimitsTableTests {
    typealias F = DoseFixtures

    @Test(
        "every class and quantity has its Schedule 3 calendar-year limit",
        arguments: [
            (WorkerClass.employee, LimitedQuantity.effective, Int64(20_000)),
            (.employee, .lens, 20_000), (.employee, .skin, 500_000), (.employee, .extremity, 500_000),
            (.trainee, .effective, 6_000), (.trainee, .lens, 15_000), (.trainee, .skin, 150_000),
            (.trainee, .extremity, 150_000),
            (.otherPerson, .effective, 1_000), (.otherPerson, .lens, 15_000), (.otherPerson, .skin, 50_000),
            (.otherPerson, .extremity, 50_000),
        ])
    func annualLimits(workerClass: WorkerClass, quantity: LimitedQuantity, microsieverts: Int64) {
        let table = DoseLimitsTable.irr17
        #expect(table.annualLimit(for: workerClass, quantity) == F.mSv(microsieverts))
        #expect(table.annualLimits(for: workerClass)[quantity] == F.mSv(microsieverts))
        #expect(table.limit(for: workerClass, quantity, year: 2024, authorisation: nil) == F.mSv(microsieverts))
    }

    @Test("the other numbers default to IRR17 and DOMAIN.md")
    func otherDefaults() {
        let table = DoseLimitsTable.irr17
        #expect(table.fiveYear == FiveYearLimit(total: F.mSv(100_000), singleYear: F.mSv(50_000)))
        #expect(table.foetusBudget == F.mSv(1_000))
        #expect(table.formalInvestigationLevel == F.mSv(15_000))
        #expect(table.classificationThresholds == QuantityLimits(mSv: 6, 15, 150, 150))
        #expect(table.overexposureProRata == .days)
        #expect(table.notionalRounding == .halfUp)
    }

    @Test("unconfirmed values are configuration: changing the table changes the lookup")
    func configurable() {
        var table = DoseLimitsTable.irr17
        table.otherPerson.extremity = F.mSv(500_000)
        #expect(table.annualLimit(for: .otherPerson, .extremity) == F.mSv(500_000))
        #expect(DoseLimitsTable.irr17.annualLimit(for: .otherPerson, .extremity) == F.mSv(50_000))
    }

    @Test(
        "an HSE authorisation gives an employee 50 mSv a year within its five years, for the quantities it names",
        arguments: [
            (WorkerClass.employee, LimitedQuantity.effective, 2020, Int64(50_000), true),
            (.employee, .effective, 2024, 50_000, true),
            (.employee, .effective, 2019, 20_000, false),
            (.employee, .effective, 2025, 20_000, false),
            (.employee, .lens, 2022, 20_000, false),
            (.employee, .skin, 2022, 500_000, false),
            (.trainee, .effective, 2022, 6_000, false),
            (.otherPerson, .effective, 2022, 1_000, false),
        ])
    func specialCase(
        workerClass: WorkerClass, quantity: LimitedQuantity, year: Int, microsieverts: Int64, fiveYear: Bool
    ) throws {
        let authorisation = try SpecialAuthorisation(firstYear: 2020)
        let table = DoseLimitsTable.irr17
        #expect(
            table.limit(for: workerClass, quantity, year: year, authorisation: authorisation) == F.mSv(microsieverts))
        let five = table.fiveYearLimit(for: workerClass, quantity, year: year, authorisation: authorisation)
        #expect((five != nil) == fiveYear)
        if let five {
            #expect(five.limit == F.mSv(100_000))
            #expect(five.period == F.period("2020-01-01", "2024-12-31"))
        }
    }

    @Test("the lens can be averaged when the authorisation names it")
    func lensAuthorised() throws {
        let authorisation = try SpecialAuthorisation(firstYear: 2021, quantities: [.effective, .lens])
        #expect(
            DoseLimitsTable.irr17.limit(for: .employee, .lens, year: 2023, authorisation: authorisation)
                == F.mSv(50_000))
        #expect(authorisation.years == 2021...2025)
    }

    @Test("an authorisation for no quantity, the skin or extremities, or beyond 2200 is refused")
    func refusesBadAuthorisation() {
        #expect(throws: ValidationError.self) { try SpecialAuthorisation(firstYear: 2020, quantities: []) }
        #expect(throws: ValidationError.self) { try SpecialAuthorisation(firstYear: 2020, quantities: [.skin]) }
        #expect(throws: ValidationError.self) { try SpecialAuthorisation(firstYear: 2020, quantities: [.extremity]) }
        #expect(throws: ValidationError.self) { try SpecialAuthorisation(firstYear: 2197) }
        #expect((try? SpecialAuthorisation(firstYear: 2196)) != nil)
    }

    @Test(
        "the worker class follows age on the date, and trainee designation only under 18",
        arguments: [
            (Designation?.some(.classified), "1990-05-01", "2024-06-01", WorkerClass.employee),
            (.nonClassified, "1990-05-01", "2024-06-01", .employee),
            (.outsideWorker, "1990-05-01", "2024-06-01", .employee),
            (nil, "1990-05-01", "2024-06-01", .employee),
            (.trainee, "2007-05-01", "2024-06-01", .trainee),
            (.trainee, "2006-06-01", "2024-05-31", .trainee),
            (.trainee, "2006-06-01", "2024-06-01", .employee),
            (.nonClassified, "2007-05-01", "2024-06-01", .otherPerson),
            (nil, "2008-01-01", "2024-06-01", .otherPerson),
            // A 29 February birthday counts on 1 March in a year without one.
            (.trainee, "2004-02-29", "2022-02-28", .trainee),
            (.trainee, "2004-02-29", "2022-03-01", .employee),
            (.trainee, "2004-02-29", "2024-02-29", .employee),
        ])
    func workerClass(designation: Designation?, born: String, on date: String, expected: WorkerClass) {
        #expect(WorkerClass(designation: designation, dateOfBirth: F.day(born), on: F.day(date)) == expected)
    }

    @Test("only the classified designation counts as classified")
    func classified() {
        #expect(WorkerClass.isClassified(.classified))
        #expect(!WorkerClass.isClassified(.nonClassified))
        #expect(!WorkerClass.isClassified(.trainee))
        #expect(!WorkerClass.isClassified(.outsideWorker))
        #expect(!WorkerClass.isClassified(nil))
    }

    @Test("quantities name their operational quantity and the limit they count against")
    func quantities() {
        #expect(Quantity.allCases.map(\.operationalQuantity) == ["Hp(10)", "Hp(10)", "Hp(0.07)", "Hp(0.07)", "Hp(3)"])
        #expect(LimitedQuantity.effective.contributors == [.effective, .neutron])
        #expect(LimitedQuantity.lens.contributors == [.lens])
        #expect(LimitedQuantity.skin.contributors == [.skin])
        #expect(LimitedQuantity.extremity.contributors == [.extremity])
        #expect(Quantity.allCases.map(\.rawValue) == ["effective", "neutron", "skin", "extremity", "lens"])
    }
}

import DoseCore
import Testing

@Suite("Limit check")
struct LimitCheckTests {
    typealias F = DoseFixtures

    static func subject(
        _ workerClass: WorkerClass = .employee, pregnancies: [PregnancyDeclaration] = [],
        authorisation: SpecialAuthorisation? = nil
    ) -> LimitCheckSubject {
        LimitCheckSubject(
            personID: F.person, workerClass: workerClass,
            employments: [
                EmploymentLimitContext(employmentID: F.hospitalA, classified: true),
                EmploymentLimitContext(employmentID: F.hospitalB, classified: true),
            ],
            pregnancies: pregnancies, authorisation: authorisation)
    }

    static func kinds(_ findings: [LimitFinding], _ kind: LimitFindingKind) -> [LimitFinding] {
        findings.filter { $0.kind == kind }
    }

    @Test("doses from two employers add up against one limit")
    func acrossEmployers() throws {
        let accumulator = DoseAccumulator(entries: [
            try F.entry(1, F.month(2024, 3), .effective, 11_000),
            try F.entry(2, F.month(2024, 3), .effective, 9_001, employment: F.hospitalB),
        ])
        let findings = Self.kinds(LimitCheck().findings(for: Self.subject(), year: 2024, in: accumulator), .overLimit)
        #expect(
            findings == [
                LimitFinding(
                    kind: .overLimit, quantity: .effective, amount: F.mSv(20_001), threshold: F.mSv(20_000),
                    period: F.period("2024-01-01", "2024-12-31"))
            ])
    }

    @Test(
        "each class is held to its own limit; reaching a limit exactly is not over it",
        arguments: [
            (WorkerClass.employee, Quantity.effective, Int64(20_000), false),
            (.employee, .effective, 20_001, true), (.employee, .lens, 20_001, true),
            (.employee, .skin, 500_001, true), (.employee, .extremity, 500_000, false),
            (.trainee, .effective, 6_001, true), (.trainee, .lens, 15_001, true),
            (.trainee, .extremity, 150_001, true), (.otherPerson, .effective, 1_001, true),
            (.otherPerson, .effective, 1_000, false), (.otherPerson, .skin, 50_001, true),
        ])
    func perClass(workerClass: WorkerClass, quantity: Quantity, amount: Int64, over: Bool) throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2024, 6), quantity, amount)])
        let findings = Self.kinds(
            LimitCheck().findings(for: Self.subject(workerClass), year: 2024, in: accumulator), .overLimit)
        #expect(findings.count == (over ? 1 : 0))
        #expect(findings.allSatisfy { $0.quantity == quantity.limited && $0.amount == F.mSv(amount) })
    }

    @Test("a period straddling the year end counts in the year it ends in")
    func yearAttribution() throws {
        let accumulator = DoseAccumulator(entries: [
            try F.entry(1, F.period("2023-12-15", "2024-01-14"), .effective, 20_001)
        ])
        #expect(Self.kinds(LimitCheck().findings(for: Self.subject(), year: 2023, in: accumulator), .overLimit).isEmpty)
        #expect(
            Self.kinds(LimitCheck().findings(for: Self.subject(), year: 2024, in: accumulator), .overLimit).count == 1)
    }

    @Test("after an overexposure the rest of the year is held to the reduced pro-rata limit")
    func reducedLimit() throws {
        // January's 21 mSv overexposes; February–December (335 of 366 days) allows 20,000 × 335/366 = 18,306 µSv.
        var entries = [try F.entry(1, F.month(2024, 1), .effective, 21_000)]
        for month in 2...12 {
            entries.append(try F.entry(month, F.month(2024, month), .effective, 1_664))
        }
        let within = LimitCheck().findings(for: Self.subject(), year: 2024, in: DoseAccumulator(entries: entries))
        #expect(Self.kinds(within, .overReducedLimit).isEmpty)
        #expect(Self.kinds(within, .overLimit).map(\.amount) == [F.mSv(21_000 + 11 * 1_664)])

        entries.append(try F.entry(13, F.month(2024, 12), .effective, 3, kind: .notional))
        let over = LimitCheck().findings(for: Self.subject(), year: 2024, in: DoseAccumulator(entries: entries))
        #expect(
            Self.kinds(over, .overReducedLimit) == [
                LimitFinding(
                    kind: .overReducedLimit, quantity: .effective, amount: F.mSv(18_307), threshold: F.mSv(18_306),
                    period: F.period("2024-02-01", "2024-12-31"), notional: F.mSv(3))
            ])
    }

    @Test("the reduced limit can be measured in whole months instead")
    func reducedByMonths() throws {
        var limits = DoseLimitsTable.irr17
        limits.overexposureProRata = .wholeMonths
        let entries = [
            try F.entry(1, F.month(2024, 9), .effective, 20_500),
            try F.entry(2, F.period("2024-10-01", "2024-12-31"), .effective, 5_001),
        ]
        let findings = LimitCheck(limits: limits).findings(
            for: Self.subject(), year: 2024, in: DoseAccumulator(entries: entries))
        #expect(Self.kinds(findings, .overReducedLimit).map(\.threshold) == [F.mSv(5_000)])
    }

    @Test("with HSE authorisation a year may reach 50 mSv, but not more than 100 mSv over the five years")
    func specialCase() throws {
        let authorisation = try SpecialAuthorisation(firstYear: 2020)
        let entries = try (2020...2024).map { year in
            try F.entry(year, F.month(year, 6), .effective, 25_000)
        }
        let accumulator = DoseAccumulator(entries: entries)
        let check = LimitCheck()
        let subject = Self.subject(authorisation: authorisation)
        // 2023 brings the total to exactly 100 mSv: not over.
        let limitKinds: Set<LimitFindingKind> = [.overLimit, .overFiveYearLimit, .overReducedLimit]
        #expect(!check.findings(for: subject, year: 2023, in: accumulator).contains { limitKinds.contains($0.kind) })
        let findings = check.findings(for: subject, year: 2024, in: accumulator)
        #expect(Self.kinds(findings, .overLimit).isEmpty)
        #expect(
            Self.kinds(findings, .overFiveYearLimit) == [
                LimitFinding(
                    kind: .overFiveYearLimit, quantity: .effective, amount: F.mSv(125_000), threshold: F.mSv(100_000),
                    period: F.period("2020-01-01", "2024-12-31"))
            ])
        // Without the authorisation every one of those years is over the 20 mSv limit.
        #expect(Self.kinds(check.findings(for: Self.subject(), year: 2022, in: accumulator), .overLimit).count == 1)
        let overSingleYear = DoseAccumulator(entries: [try F.entry(1, F.month(2021, 6), .effective, 50_001)])
        #expect(
            Self.kinds(check.findings(for: subject, year: 2021, in: overSingleYear), .overLimit).map(\.threshold) == [
                F.mSv(50_000)
            ])
    }

    @Test("a pregnancy budget breach is found in every year its window meets, with the notional part")
    func pregnancy() throws {
        let declaration = PregnancyDeclaration(declared: F.day("2024-11-15"), ended: F.day("2025-06-30"))
        let accumulator = DoseAccumulator(entries: [
            try F.entry(1, F.month(2024, 11), .effective, 400),
            try F.entry(2, F.month(2024, 12), .effective, 300, employment: F.hospitalB),
            try F.entry(3, F.month(2025, 1), .effective, 301, kind: .notional),
        ])
        let subject = Self.subject(pregnancies: [declaration])
        let expected = LimitFinding(
            kind: .pregnancyBudgetExceeded, quantity: .effective, amount: F.mSv(1_001), threshold: F.mSv(1_000),
            period: F.period("2024-11-15", "2025-06-30"), notional: F.mSv(301))
        #expect(
            Self.kinds(LimitCheck().findings(for: subject, year: 2024, in: accumulator), .pregnancyBudgetExceeded) == [
                expected
            ])
        #expect(
            Self.kinds(LimitCheck().findings(for: subject, year: 2025, in: accumulator), .pregnancyBudgetExceeded) == [
                expected
            ])
        #expect(LimitCheck().findings(for: subject, year: 2023, in: accumulator).isEmpty)
        // Counting only November's days since the declaration (400 × 16/30 = 213.3 → 214 µSv) keeps it within.
        let proRata = LimitCheck(pregnancyAttribution: .proRataByDays)
        #expect(proRata.findings(for: subject, year: 2025, in: accumulator).isEmpty)
    }

    @Test("an open pregnancy's finding covers the declaration to the last dose counted")
    func openPregnancy() throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2025, 2), .effective, 1_200)])
        let subject = Self.subject(pregnancies: [PregnancyDeclaration(declared: F.day("2025-01-20"))])
        let findings = LimitCheck().findings(for: subject, year: 2025, in: accumulator)
        #expect(findings.map(\.period) == [F.period("2025-01-20", "2025-02-28")])
    }

    @Test("a year outside the calendar finds nothing, and an empty record finds nothing")
    func nothing() throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2024, 2), .effective, 90_000)])
        #expect(LimitCheck().findings(for: Self.subject(), year: 1700, in: accumulator).isEmpty)
        #expect(LimitCheck().findings(for: Self.subject(), year: 2024, in: DoseAccumulator(entries: [])).isEmpty)
    }
}

import DoseCore
import Testing

@Suite("Investigation levels and classification prompts")
struct InvestigationLevelTests {
    typealias F = DoseFixtures

    static let levels = InvestigationLevels(
        organisation: InvestigationLevelSet(effective: F.mSv(6_000), lens: F.mSv(15_000), extremity: F.mSv(150_000)),
        groups: [
            "Interventional radiology": InvestigationLevelSet(effective: F.mSv(3_000), extremity: F.mSv(100_000)),
            "Lax": InvestigationLevelSet(effective: F.mSv(18_000)),
        ])

    @Test(
        "a group's level wins for the quantities it sets, then the organisation's; effective is capped at 15 mSv",
        arguments: [
            (String?.none, LimitedQuantity.effective, Int64?.some(6_000)),
            (nil, .lens, 15_000), (nil, .extremity, 150_000), (nil, .skin, nil),
            ("Interventional radiology", .effective, 3_000), ("Interventional radiology", .extremity, 100_000),
            ("Interventional radiology", .lens, 15_000),
            ("Unknown group", .effective, 6_000),
            ("Lax", .effective, 15_000),
        ])
    func lookup(group: String?, quantity: LimitedQuantity, expected: Int64?) {
        #expect(Self.levels.level(for: quantity, group: group) == expected.map(F.mSv))
    }

    @Test("with no local levels the formal 15 mSv effective level still applies, and it is configuration")
    func formal() {
        let none = InvestigationLevels()
        #expect(none.level(for: .effective) == F.mSv(15_000))
        #expect(none.level(for: .lens) == nil)
        var limits = DoseLimitsTable.irr17
        limits.formalInvestigationLevel = F.mSv(10_000)
        #expect(none.level(for: .effective, limits: limits) == F.mSv(10_000))
        #expect(InvestigationLevels.commonLocal.level(for: .effective) == F.mSv(6_000))
        #expect(InvestigationLevels.commonLocal.level(for: .lens) == F.mSv(15_000))
        #expect(InvestigationLevels.commonLocal.level(for: .extremity) == F.mSv(150_000))
    }

    static func subject(classified: Bool, workerClass: WorkerClass = .employee, group: String? = nil)
        -> LimitCheckSubject
    {
        LimitCheckSubject(
            personID: F.person, workerClass: workerClass,
            employments: [
                EmploymentLimitContext(
                    employmentID: F.hospitalA, classified: classified, investigationLevels: levels, group: group)
            ])
    }

    @Test(
        "passing a level raises a finding naming the employment; reaching it exactly does not",
        arguments: [
            (Quantity.effective, Int64(6_000), String?.none, Int64?.none),
            (.effective, 6_001, nil, 6_000),
            (.neutron, 6_001, nil, 6_000),
            (.effective, 3_001, "Interventional radiology", 3_000),
            (.lens, 15_001, nil, 15_000),
            (.extremity, 150_001, nil, 150_000),
            (.skin, 400_000, nil, nil),
        ])
    func investigation(quantity: Quantity, amount: Int64, group: String?, threshold: Int64?) throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2024, 5), quantity, amount)])
        let findings = LimitCheck().findings(
            for: Self.subject(classified: true, group: group), year: 2024, in: accumulator)
        let investigations = findings.filter { $0.kind == .overInvestigationLevel }
        #expect(investigations.map(\.threshold) == (threshold.map { [F.mSv($0)] } ?? []))
        if let finding = investigations.first {
            #expect(finding.quantity == quantity.limited)
            #expect(finding.amount == F.mSv(amount))
            #expect(finding.employmentID == F.hospitalA)
            #expect(finding.period == F.period("2024-01-01", "2024-12-31"))
        }
    }

    @Test(
        "a non-classified adult passing a classification threshold prompts classification",
        arguments: [
            (Quantity.effective, Int64(6_000), false), (.effective, 6_001, true), (.lens, 15_000, false),
            (.lens, 15_001, true), (.skin, 150_001, true), (.extremity, 150_000, false),
            (.extremity, 150_001, true),
        ])
    func classificationPrompt(quantity: Quantity, amount: Int64, prompted: Bool) throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2024, 5), quantity, amount)])
        let check = LimitCheck()
        let nonClassified = check.findings(for: Self.subject(classified: false), year: 2024, in: accumulator)
        let prompts = nonClassified.filter { $0.kind == .classificationPrompt }
        #expect(prompts.count == (prompted ? 1 : 0))
        #expect(prompts.allSatisfy { $0.employmentID == F.hospitalA && $0.quantity == quantity.limited })
        let classified = check.findings(for: Self.subject(classified: true), year: 2024, in: accumulator)
        #expect(!classified.contains { $0.kind == .classificationPrompt })
    }

    @Test("trainees and other persons cannot be classified, so they are never prompted")
    func noPromptUnder18() throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2024, 5), .effective, 5_999)])
        for workerClass in [WorkerClass.trainee, .otherPerson] {
            let findings = LimitCheck().findings(
                for: Self.subject(classified: false, workerClass: workerClass), year: 2024, in: accumulator)
            #expect(!findings.contains { $0.kind == .classificationPrompt })
        }
    }

    @Test("the prompt threshold is configuration, e.g. a strict 3/10 of the 20 mSv lens limit")
    func configurableThreshold() throws {
        var limits = DoseLimitsTable.irr17
        limits.classificationThresholds.lens = F.mSv(6_000)
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2024, 5), .lens, 6_001)])
        let findings = LimitCheck(limits: limits).findings(
            for: Self.subject(classified: false), year: 2024, in: accumulator)
        #expect(findings.filter { $0.kind == .classificationPrompt }.map(\.threshold) == [F.mSv(6_000)])
    }
}

import DoseCore
import Testing

@Suite("Pregnancy budget")
struct PregnancyBudgetTests {
    typealias F = DoseFixtures

    // Declared mid-November 2024, ended at the end of June 2025: the budget runs across the year end.
    static let declaration = PregnancyDeclaration(declared: F.day("2024-11-15"), ended: F.day("2025-06-30"))

    static func history() throws -> [DoseEntry] {
        [
            // Before the declaration: never counts.
            try F.entry(1, F.month(2024, 10), .effective, 900),
            // Straddles the declaration: 16 of its 30 days are in the pregnancy.
            try F.entry(2, F.month(2024, 11), .effective, 300),
            try F.entry(3, F.month(2024, 12), .effective, 250),
            // Another employer's dose counts: the foetus has one budget.
            try F.entry(4, F.month(2025, 1), .effective, 200, employment: F.hospitalB),
            try F.entry(5, F.month(2025, 1), .neutron, 50),
            // Shallow and lens doses do not stand for the foetus dose.
            try F.entry(6, F.month(2025, 2), .skin, 5_000),
            try F.entry(7, F.month(2025, 2), .lens, 5_000),
            // Someone else's dose never counts.
            try F.entry(8, F.month(2025, 2), .effective, 5_000, person: F.otherPerson),
            // After the pregnancy ended: never counts.
            try F.entry(9, F.month(2025, 7), .effective, 5_000),
        ]
    }

    @Test(
        "the budget runs from the declaration date across the year end, from every employer",
        arguments: [
            (PregnancyAttribution.wholePeriod, Int64(800), Int64(200)),
            // 300 × 16 / 30 = 160 exactly; 250 + 200 + 50 more.
            (.proRataByDays, 660, 340),
        ])
    func budget(attribution: PregnancyAttribution, used: Int64, remaining: Int64) throws {
        let accumulator = DoseAccumulator(entries: try Self.history())
        let budget = PregnancyBudget(declaration: Self.declaration, attribution: attribution)
        #expect(budget.window == F.period("2024-11-15", "2025-06-30"))
        #expect(budget.used(in: accumulator, by: F.person) == F.mSv(used))
        #expect(budget.remaining(in: accumulator, by: F.person) == F.mSv(remaining))
        #expect(!budget.isExceeded(in: accumulator, by: F.person))
    }

    @Test("reaching exactly 1 mSv is within the budget; one µSv more breaches it and nothing is left")
    func breach() throws {
        var entries = try Self.history()
        entries.append(try F.entry(20, F.month(2025, 3), .effective, 200))
        let budget = PregnancyBudget(declaration: Self.declaration)
        let atBudget = DoseAccumulator(entries: entries)
        #expect(budget.used(in: atBudget, by: F.person) == F.mSv(1_000))
        #expect(budget.remaining(in: atBudget, by: F.person) == .zero)
        #expect(!budget.isExceeded(in: atBudget, by: F.person))
        entries.append(try F.entry(21, F.month(2025, 4), .effective, 1))
        let over = DoseAccumulator(entries: entries)
        #expect(budget.isExceeded(in: over, by: F.person))
        #expect(budget.remaining(in: over, by: F.person) == .zero)
    }

    @Test("pro rata shares round up to the micro-sievert")
    func proRataRoundsUp() throws {
        // 100 µSv × 17 / 31 = 54.8 → 55 µSv (declared 15 March: 15–31 March is 17 days).
        let entries = [try F.entry(1, F.month(2025, 3), .effective, 100)]
        let budget = PregnancyBudget(
            declaration: PregnancyDeclaration(declared: F.day("2025-03-15")), attribution: .proRataByDays)
        #expect(budget.used(in: DoseAccumulator(entries: entries), by: F.person) == F.mSv(55))
        #expect(budget.window == F.period("2025-03-15", "2200-12-31"))
    }

    @Test("a superseded entry stops counting against the budget")
    func supersession() throws {
        let entries = [
            try F.entry(1, F.month(2025, 1), .effective, 2_000),
            try F.entry(2, F.month(2025, 1), .effective, 400, kind: .estimated, supersedes: 1),
        ]
        let budget = PregnancyBudget(declaration: PregnancyDeclaration(declared: F.day("2025-01-01")))
        #expect(budget.used(in: DoseAccumulator(entries: entries), by: F.person) == F.mSv(400))
    }

    @Test("a declaration ending before it starts has no window and uses nothing")
    func backwards() throws {
        let budget = PregnancyBudget(
            declaration: PregnancyDeclaration(declared: F.day("2025-03-15"), ended: F.day("2025-03-14")))
        #expect(budget.window == nil)
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.month(2025, 3), .effective, 100)])
        #expect(budget.used(in: accumulator, by: F.person) == .zero)
    }
}

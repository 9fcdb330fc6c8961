import DoseCore
import Foundation
import SeededRandom
import Testing

/// A limit check after a lab batch opens only the entries that can change its findings: those ending on or after
/// ``LimitCheck/countedPeriodEnds(for:year:)`` and every correction. Over random histories and subjects (classes,
/// pregnancies, special authorisations), the findings from those entries must be the findings from all of them.
@Suite("Limit check: the entries a year's check needs")
struct LimitCheckWindowTests {
    typealias P = DoseAccumulatorPropertyTests

    static func subject(_ person: PersonID, employments: [EmploymentID], _ random: inout DoseRandom) throws
        -> LimitCheckSubject
    {
        let pregnancies = try (0..<Int.random(in: 0...2, using: &random)).map { _ in
            let declared = try P.randomPeriod(&random).begin
            let ended =
                Bool.random(using: &random) ? declared.adding(days: Int.random(in: 0...280, using: &random)) : nil
            return PregnancyDeclaration(declared: declared, ended: ended)
        }
        let authorisation =
            Int.random(in: 0..<3, using: &random) == 0
            ? try SpecialAuthorisation(
                firstYear: Int.random(in: 2012...2026, using: &random),
                quantities: Bool.random(using: &random) ? [.effective] : [.effective, .lens])
            : nil
        return LimitCheckSubject(
            personID: person,
            workerClass: [WorkerClass.employee, .employee, .trainee, .otherPerson].randomElement(using: &random)
                ?? .employee,
            employments: employments.map {
                EmploymentLimitContext(employmentID: $0, classified: Bool.random(using: &random))
            },
            pregnancies: pregnancies, authorisation: authorisation)
    }

    /// In half the histories, six to fourteen months of 15–45 mSv effective dose for one person in 2019–2025: the
    /// random histories alone seldom pass a five-year total of 100 mSv.
    static func heavyYears(_ history: P.History, _ random: inout DoseRandom) throws -> [DoseEntry] {
        guard Bool.random(using: &random), let index = history.people.indices.randomElement(using: &random) else {
            return []
        }
        return try (0..<Int.random(in: 6...14, using: &random)).map { number in
            let month = try #require(
                DosePeriod.month(
                    year: Int.random(in: 2019...2025, using: &random), month: Int.random(in: 1...12, using: &random)))
            return try DoseEntry(
                id: DoseFixtures.id(50_000 + number), employmentID: DoseFixtures.id(2_000 + index * 10),
                personID: history.people[index], period: month, quantity: .effective,
                amount: Dose(microsieverts: Int64.random(in: 15_000...45_000, using: &random)), kind: .measured,
                supersedes: nil, recordedAt: DoseFixtures.time(1_000 + number))
        }
    }

    @Test("findings from the entries ending on the counted days (and corrections) equal those from all")
    func windowKeepsFindings() throws {
        var checks = 0
        var withFindings = 0
        var leftOut = 0
        var widened = 0
        var fiveYearFindings = 0
        for seed in (0..<1_000).map({ 0xC4EC_0000 + UInt64($0) }) {
            var random = DoseRandom(seed: seed)
            var history = try P.history(&random)
            history.entries += try Self.heavyYears(history, &random)
            let all = DoseAccumulator(entries: history.entries)
            for person in history.people {
                let employments = Array(Set(history.entries.filter { $0.personID == person }.map(\.employmentID)))
                let subject = try Self.subject(person, employments: employments, &random)
                for year in 2014...2027 {
                    let counted = try #require(LimitCheck().countedPeriodEnds(for: subject, year: year))
                    let kept = history.entries.filter { counted.contains($0.period.end) || $0.supersedes != nil }
                    let expected = LimitCheck().findings(for: subject, year: year, in: all)
                    let found = LimitCheck().findings(for: subject, year: year, in: DoseAccumulator(entries: kept))
                    #expect(found == expected, "seed \(seed), year \(year)")
                    checks += 1
                    if !expected.isEmpty { withFindings += 1 }
                    fiveYearFindings += expected.filter { $0.kind == .overFiveYearLimit }.count
                    leftOut += history.entries.count - kept.count
                    if counted != DosePeriod.calendarYear(year).map({ $0.begin...$0.end }) { widened += 1 }
                }
            }
        }
        // The cases worth checking occur: findings (five-year ones too), entries left unread, windows reaching back
        // before the year.
        #expect(checks > 20_000)
        #expect(withFindings > 2_000)
        #expect(leftOut > 100_000)
        #expect(widened > 2_000)
        #expect(fiveYearFindings > 100)
    }

    @Test("the period ends counted: the year, back five years under an authorisation, a pregnancy's whole window")
    func countedSpans() throws {
        typealias F = DoseFixtures
        let check = LimitCheck()
        let plain = LimitCheckSubject(personID: F.person, workerClass: .employee)
        #expect(check.countedPeriodEnds(for: plain, year: 2025) == F.day("2025-01-01")...F.day("2025-12-31"))
        var special = plain
        special.authorisation = try SpecialAuthorisation(firstYear: 2022)
        #expect(check.countedPeriodEnds(for: special, year: 2025) == F.day("2022-01-01")...F.day("2025-12-31"))
        special.workerClass = .trainee
        #expect(
            check.countedPeriodEnds(for: special, year: 2025) == F.day("2025-01-01")...F.day("2025-12-31"),
            "HSE authorises the special case only for employees")
        var pregnant = plain
        // A period meeting the budget window counts, even one ending long after the pregnancy did.
        let open = PregnancyDeclaration(declared: F.day("2025-10-15"), ended: nil)
        let lastDay = try #require(PregnancyBudget(declaration: open).window?.end)
        #expect(lastDay > F.day("2100-01-01"))
        pregnant.pregnancies = [PregnancyDeclaration(declared: F.day("2024-10-15"), ended: F.day("2026-02-01"))]
        #expect(check.countedPeriodEnds(for: pregnant, year: 2025) == F.day("2024-10-15")...lastDay)
        pregnant.pregnancies = [open]
        #expect(check.countedPeriodEnds(for: pregnant, year: 2025) == F.day("2025-01-01")...lastDay)
        pregnant.pregnancies = [PregnancyDeclaration(declared: F.day("2023-03-01"), ended: F.day("2023-11-30"))]
        #expect(
            check.countedPeriodEnds(for: pregnant, year: 2025) == F.day("2025-01-01")...F.day("2025-12-31"),
            "a pregnancy that ended before the year does not reach into it")
    }
}

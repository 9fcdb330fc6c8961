import DoseCore
import Foundation
import Testing

@Suite("Dose accumulation")
struct DoseAccumulatorTests {
    typealias F = DoseFixtures

    @Test("period, quarter-to-date, year-to-date, five years and lifetime count entries by period end")
    func totals() throws {
        let accumulator = DoseAccumulator(entries: [
            try F.entry(1, F.month(2019, 12), .effective, 1),
            try F.entry(2, F.month(2020, 1), .effective, 10),
            try F.entry(3, F.month(2024, 1), .effective, 100),
            try F.entry(4, F.month(2024, 4), .effective, 1_000),
            try F.entry(5, F.month(2024, 5), .effective, 10_000),
            try F.entry(6, F.month(2024, 6), .effective, 100_000),
        ])
        let totals = accumulator.totals(of: .effective, in: .person(F.person), for: F.month(2024, 5))
        #expect(
            totals
                == DoseTotals(
                    period: F.mSv(10_000), quarterToDate: F.mSv(11_000), yearToDate: F.mSv(11_100),
                    fiveYears: F.mSv(11_110), lifetime: F.mSv(11_111)))
    }

    @Test("a wear period straddling the year end counts wholly in the year and quarter it ends in")
    func straddlingYearEnd() throws {
        let accumulator = DoseAccumulator(entries: [try F.entry(1, F.period("2023-12-15", "2024-01-14"), .lens, 700)])
        let scope = DoseScope.employment(F.hospitalA)
        let december = accumulator.totals(of: .lens, in: scope, for: F.month(2023, 12))
        #expect(december == .zero)
        let january = accumulator.totals(of: .lens, in: scope, for: F.month(2024, 1))
        #expect(january.period == F.mSv(700) && january.quarterToDate == F.mSv(700) && january.yearToDate == F.mSv(700))
        #expect(accumulator.total(of: .lens, in: scope, endingIn: F.period("2023-01-01", "2023-12-31")) == .zero)
    }

    @Test("29 February counts in February, its quarter and year, and drops out of five years after 2028")
    func leapDay() throws {
        let accumulator = DoseAccumulator(entries: [
            try F.entry(1, F.period("2024-02-29", "2024-02-29"), .extremity, 42)
        ])
        let scope = DoseScope.person(F.person)
        let february = accumulator.totals(of: .extremity, in: scope, for: F.month(2024, 2))
        #expect(february.period == F.mSv(42) && february.quarterToDate == F.mSv(42))
        #expect(accumulator.totals(of: .extremity, in: scope, for: F.month(2024, 3)).quarterToDate == F.mSv(42))
        #expect(accumulator.totals(of: .extremity, in: scope, for: F.month(2024, 4)).quarterToDate == .zero)
        #expect(accumulator.totals(of: .extremity, in: scope, for: F.month(2028, 12)).fiveYears == F.mSv(42))
        let later = accumulator.totals(of: .extremity, in: scope, for: F.month(2029, 1))
        #expect(later.fiveYears == .zero && later.lifetime == F.mSv(42))
        #expect(accumulator.totals(of: .extremity, in: scope, for: F.period("2024-02-01", "2024-02-28")) == .zero)
    }

    @Test("below the reporting level (M) is a zero dose that is still an entry")
    func belowReportingLevel() throws {
        let m = try F.entry(1, F.month(2024, 3), .effective, 0, belowReportingLevel: true)
        let accumulator = DoseAccumulator(entries: [m, try F.entry(2, F.month(2024, 3), .effective, 0)])
        #expect(accumulator.current.count == 2)
        #expect(accumulator.current.first?.belowReportingLevel == true)
        #expect(accumulator.totals(of: .effective, in: .person(F.person), for: F.month(2024, 3)) == .zero)
        #expect(throws: ValidationError.self) {
            try F.entry(3, F.month(2024, 3), .effective, 10, belowReportingLevel: true)
        }
        #expect(throws: ValidationError.self) {
            try F.entry(3, F.month(2024, 3), .effective, 0, kind: .notional, belowReportingLevel: true)
        }
    }

    @Test("negative, over-10-Sv and self-superseding entries are refused")
    func refusals() {
        #expect(throws: ValidationError.self) { try F.entry(1, F.month(2024, 3), .effective, -1) }
        #expect(throws: ValidationError.self) { try F.entry(1, F.month(2024, 3), .effective, 10_000_001) }
        #expect(throws: ValidationError.self) { try F.entry(1, F.month(2024, 3), .effective, 1, supersedes: 1) }
        #expect(throws: ValidationError.self) { try DosePeriod(begin: F.day("2024-03-02"), end: F.day("2024-03-01")) }
    }

    @Test("in a chain of corrections only the last counts, and the record as it stood can be replayed")
    func supersessionChain() throws {
        let entries = [
            try F.entry(1, F.month(2024, 3), .effective, 5_000, recordedAt: 100),
            try F.entry(2, F.month(2024, 3), .effective, 700, kind: .estimated, supersedes: 1, recordedAt: 200),
            try F.entry(3, F.month(2024, 3), .effective, 650, kind: .specialEntry, supersedes: 2, recordedAt: 300),
            try F.entry(4, F.month(2024, 3), .effective, 10, recordedAt: 400),
        ]
        let scope = DoseScope.employment(F.hospitalA)
        #expect(DoseEntry.supersessionErrors(in: entries).isEmpty)
        #expect(DoseAccumulator(entries: entries).current.map(\.id) == [F.id(3), F.id(4)])
        #expect(
            DoseAccumulator(entries: entries).totals(of: .effective, in: scope, for: F.month(2024, 3)).period
                == F.mSv(660))
        let asAt = { (seconds: Int) in
            DoseAccumulator(entries: entries, knownAt: F.time(seconds))
                .totals(of: .effective, in: scope, for: F.month(2024, 3)).period
        }
        #expect(asAt(99) == .zero)
        #expect(asAt(100) == F.mSv(5_000))
        #expect(asAt(250) == F.mSv(700))
        #expect(asAt(300) == F.mSv(650))
    }

    @Test("a correction can move a dose to another period or quantity")
    func correctionMoves() throws {
        let entries = [
            try F.entry(1, F.month(2024, 3), .effective, 5_000),
            try F.entry(2, F.month(2024, 4), .lens, 5_000, kind: .specialEntry, supersedes: 1),
        ]
        let accumulator = DoseAccumulator(entries: entries)
        #expect(accumulator.totals(of: .effective, in: .person(F.person), for: F.month(2024, 3)).lifetime == .zero)
        #expect(accumulator.totals(of: .lens, in: .person(F.person), for: F.month(2024, 4)).period == F.mSv(5_000))
    }

    @Test("per employer and across employers; effective dose adds neutron to photon")
    func scopes() throws {
        let accumulator = DoseAccumulator(entries: [
            try F.entry(1, F.month(2024, 3), .effective, 100),
            try F.entry(2, F.month(2024, 3), .neutron, 20),
            try F.entry(3, F.month(2024, 3), .effective, 3_000, employment: F.hospitalB),
            try F.entry(4, F.month(2024, 3), .effective, 50_000, employment: F.id(12), person: F.otherPerson),
        ])
        let march = F.month(2024, 3)
        #expect(accumulator.totals(of: .effective, in: .employment(F.hospitalA), for: march).period == F.mSv(100))
        #expect(
            accumulator.totals(countingAgainst: .effective, in: .employment(F.hospitalA), for: march).period
                == F.mSv(120))
        #expect(
            accumulator.totals(countingAgainst: .effective, in: .person(F.person), for: march).period == F.mSv(3_120))
        #expect(accumulator.totals(of: .neutron, in: .employment(F.hospitalB), for: march) == .zero)
        #expect(accumulator.totals(of: .effective, in: .person(F.otherPerson), for: march).period == F.mSv(50_000))
    }

    @Test("broken supersession is reported: unknown, other employment, later, forked and looping corrections")
    func supersessionErrors() throws {
        let fine = try F.entry(1, F.month(2024, 3), .effective, 1, recordedAt: 10)
        let unknown = try F.entry(2, F.month(2024, 3), .effective, 1, supersedes: 77, recordedAt: 20)
        let otherEmployer = try F.entry(
            3, F.month(2024, 3), .effective, 1, employment: F.hospitalB, supersedes: 1, recordedAt: 30)
        let fork = try F.entry(4, F.month(2024, 3), .effective, 1, supersedes: 1, recordedAt: 40)
        let early = try F.entry(5, F.month(2024, 3), .effective, 1, supersedes: 6, recordedAt: 50)
        let late = try F.entry(6, F.month(2024, 3), .effective, 1, recordedAt: 60)
        let loopA = try F.entry(7, F.month(2024, 3), .effective, 1, supersedes: 8, recordedAt: 70)
        let loopB = try F.entry(8, F.month(2024, 3), .effective, 1, supersedes: 7, recordedAt: 70)
        let errors = DoseEntry.supersessionErrors(in: [
            fine, unknown, otherEmployer, fork, early, late, loopA, loopB, fine,
        ])
        let reasons = errors.map(\.reason)
        #expect(errors.count == 6, "\(reasons)")
        #expect(reasons.contains { $0.contains("appears more than once") })
        #expect(reasons.contains { $0.contains("not in the record") })
        #expect(reasons.contains { $0.contains("another employment") })
        #expect(reasons.contains { $0.contains("both supersede") })
        #expect(reasons.contains { $0.contains("recorded after it") })
        #expect(reasons.filter { $0.contains("loop") }.count == 1)
        // The accumulator still follows one rule: an entry counts unless another names it.
        let current = DoseAccumulator(entries: [fine, unknown, otherEmployer, fork, early, late, loopA, loopB]).current
        #expect(Set(current.map(\.id)) == [F.id(2), F.id(3), F.id(4), F.id(5)])
    }

    @Test("entries round-trip through JSON, and decoding checks them")
    func codable() throws {
        let entry = try F.entry(1, F.month(2024, 2), .lens, 1_234, kind: .notional, supersedes: 9)
        let data = try JSONEncoder().encode(entry)
        #expect(try JSONDecoder().decode(DoseEntry.self, from: data) == entry)
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "1234", with: "-5")
        #expect(throws: ValidationError.self) { try JSONDecoder().decode(DoseEntry.self, from: Data(text.utf8)) }
    }
}

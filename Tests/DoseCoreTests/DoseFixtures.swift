import DoseCore
import Foundation
import SeededRandom

// A tiny seeded generator (SplitMix64) so property tests are reproducible: a failure names its seed.
typealias DoseRandom = SplitMix64

// Fixtures for the dose-rule tests: literal dates, numbered ids, entries with sensible defaults.
enum DoseFixtures {
    static func day(_ iso: String) -> CalendarDate {
        // Fixtures are literals; a bad one is a bug in the test.
        guard let date = try? CalendarDate(iso: iso) else { fatalError("bad fixture date \(iso)") }
        return date
    }

    static func period(_ begin: String, _ end: String) -> DosePeriod {
        guard let period = try? DosePeriod(begin: day(begin), end: day(end)) else {
            fatalError("bad fixture period \(begin)/\(end)")
        }
        return period
    }

    static func month(_ year: Int, _ month: Int) -> DosePeriod {
        guard let period = DosePeriod.month(year: year, month: month) else { fatalError("bad month \(year)-\(month)") }
        return period
    }

    static func id<Tag: IdentifierTag>(_ number: Int, _ tag: Tag.Type = Tag.self) -> Identifier<Tag> {
        let hex = String(number, radix: 16)
        let text = "00000000-0000-7000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
        guard let id = Identifier<Tag>(text) else { fatalError("bad fixture id \(number)") }
        return id
    }

    static let person: PersonID = id(1)
    static let otherPerson: PersonID = id(2)
    static let hospitalA: EmploymentID = id(10)
    static let hospitalB: EmploymentID = id(11)

    static func time(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: 1_700_000_000 + Double(seconds))
    }

    static func mSv(_ microsieverts: Int64) -> Dose {
        Dose(microsieverts: microsieverts)
    }

    static func entry(
        _ number: Int, _ period: DosePeriod, _ quantity: Quantity = .effective, _ microsieverts: Int64,
        employment: EmploymentID = hospitalA, person: PersonID = person, kind: DoseEntryKind = .measured,
        belowReportingLevel: Bool = false, supersedes: Int? = nil, recordedAt: Int? = nil
    ) throws -> DoseEntry {
        try DoseEntry(
            id: id(number), employmentID: employment, personID: person, period: period, quantity: quantity,
            amount: Dose(microsieverts: microsieverts), belowReportingLevel: belowReportingLevel, kind: kind,
            supersedes: supersedes.map { id($0) }, recordedAt: time(recordedAt ?? number))
    }
}

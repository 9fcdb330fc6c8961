import DoseCore
import Testing

@Suite("Retention: kept until 75 and at least 30 years after the last record, both passed")
struct RetentionRuleTests {
    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(iso: text) }

    @Test(
        "the later of the 75th birthday and 30 years after the last record",
        arguments: [
            // date of birth, last record made, today, may destroy
            ("1940-03-15", "1990-06-01", "2015-03-14", false),  // 74, record 25 years old
            ("1940-03-15", "1990-06-01", "2020-05-31", false),  // 80, but the record is not yet 30 years old
            ("1940-03-15", "1990-06-01", "2020-06-01", true),  // 80 and exactly 30 years
            ("1950-03-15", "1980-01-01", "2025-03-14", false),  // record 45 years old, but the day before 75
            ("1950-03-15", "1980-01-01", "2025-03-15", true),  // the 75th birthday
            ("1948-02-29", "1970-01-01", "2023-02-28", false),  // born on 29 February: 75 on 1 March 2023
            ("1948-02-29", "1970-01-01", "2023-03-01", true),
            ("2000-01-01", "2026-01-01", "2060-01-01", false),  // a young worker: 60
        ])
    func rule(born: String, made: String, today: String, expected: Bool) throws {
        #expect(
            RetentionRule.mayDestroy(
                dateOfBirth: try Self.date(born), lastRecordMade: try Self.date(made), on: try Self.date(today))
                == expected)
    }

    @Test("without a date of birth the record is kept whatever its age")
    func unknownBirth() throws {
        #expect(
            RetentionRule.firstDayOfDestruction(dateOfBirth: nil, lastRecordMade: try Self.date("1950-01-01")) == nil)
        #expect(
            !RetentionRule.mayDestroy(
                dateOfBirth: nil, lastRecordMade: try Self.date("1950-01-01"), on: try Self.date("2100-01-01")))
    }
}

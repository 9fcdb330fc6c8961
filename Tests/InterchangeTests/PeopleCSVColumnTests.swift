import DoseCore
import Interchange
import Testing

@Suite("People CSV columns")
struct PeopleCSVColumnTests {
    typealias Fixtures = PeopleCSVFixtures

    static func problems(_ overrides: [String: String]) -> [CSVProblem] {
        Fixtures.parse([Fixtures.row(overrides)]).problems
    }

    static let badValues: [(column: String, value: String)] = [
        ("record_id", ""), ("record_id", String(repeating: "r", count: 65)), ("record_id", "R\u{7}1"),
        ("record_id", "Ré"),
        ("organisation_code", ""), ("organisation_code", "A"), ("organisation_code", "AB_CD"),
        ("staff_number", "E#1"), ("staff_number", String(repeating: "1", count: 33)),
        ("forenames", String(repeating: "a", count: 101)), ("forenames", "Ann\u{0}"),
        ("surname", ""), ("surname", "   "), ("surname", String(repeating: "b", count: 101)), ("surname", "Tab\tName"),
        ("date_of_birth", "2023-02-29"), ("date_of_birth", "1984-13-01"), ("date_of_birth", "07/03/1984"),
        ("date_of_birth", "1984-3-7"), ("date_of_birth", "2030-01-01"), ("date_of_birth", "1899-12-31"),
        ("sex", "female"), ("sex", "Q"), ("sex", "FM"),
        ("ni_number", "QQ123456C"), ("ni_number", "AB123456E"), ("ni_number", "AB123456"), ("ni_number", "GB123456A"),
        ("email", "not-an-email"), ("email", "a@b"), ("phone", "call me"), ("phone", "123"),
        ("address", "1 Road\u{1B}[31m"), ("address", String(repeating: "a", count: 301)),
        ("postcode", "90210"), ("postcode", "CF14"), ("status", "retired"), ("status", "Active!"),
        ("date_of_death", "2020-02-30"), ("date_of_death", "2020-01-01"),
        ("updated_at", "2024-05-01"), ("updated_at", "yesterday"), ("updated_at", "2024-05-01T25:00:00Z"),
    ]

    @Test("each bad value is reported once, on its own column", arguments: badValues)
    func badValue(column: String, value: String) {
        let problems = Self.problems([column: value])
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.column == column)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.reason.isEmpty == false)
    }

    @Test("a bad NINO carries the rule that failed")
    func ninoReason() {
        #expect(Self.problems(["ni_number": "QQ123456C"]).first?.reason == NINOError.invalidFirstLetter.reason)
        #expect(Self.problems(["ni_number": "ZZ123456C"]).first?.reason == NINOError.neverIssuedPrefix.reason)
        #expect(Self.problems(["ni_number": "AB123456E"]).first?.reason == NINOError.invalidSuffix.reason)
        #expect(
            Self.problems(["ni_number": "AB123456E"]).first?.description
                == "line 2, column ni_number: \(NINOError.invalidSuffix.reason)")
    }

    @Test("dates of death follow status and birth")
    func dateOfDeath() {
        #expect(Self.problems(["status": "deceased", "date_of_death": "2020-01-01"]).isEmpty)
        #expect(Self.problems(["status": "deceased", "date_of_death": ""]).isEmpty)
        #expect(Self.problems(["status": "", "date_of_death": "2020-01-01"]).map(\.column) == ["date_of_death"])
        #expect(
            Self.problems(["status": "deceased", "date_of_death": "1980-01-01"]).map(\.column) == ["date_of_death"])
        #expect(
            Self.problems(["status": "deceased", "date_of_death": "2024-06-02"]).map(\.column) == ["date_of_death"])
        #expect(Self.problems(["status": "retired", "date_of_death": "2020-01-01"]).map(\.column) == ["status"])
    }

    @Test(
        "lenient spellings are normalised",
        arguments: [
            ("sex", "m"), ("status", "LEFT"), ("ni_number", "ab123456c"), ("postcode", "cf142tl"),
            ("email", " Someone@EXAMPLE.org "), ("surname", "  Ní   Bhriain "),
            ("updated_at", "2024-05-01T11:20:30.5+01:00"),
        ])
    func lenient(column: String, value: String) {
        #expect(Self.problems([column: value]) == [])
    }

    @Test("every cell of a row is checked, so one line can report several columns")
    func severalColumns() {
        let problems = Self.problems(["surname": "", "sex": "Q", "ni_number": "X", "postcode": "?", "updated_at": "x"])
        #expect(problems.map(\.column) == ["surname", "sex", "ni_number", "postcode", "updated_at"])
    }
}

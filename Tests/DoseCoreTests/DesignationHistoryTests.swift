import DoseCore
import Foundation
import Testing

@Suite("Designation history")
struct DesignationHistoryTests {
    static func day(_ iso: String) -> CalendarDate {
        // Test fixtures are literals; a bad one is a bug in the test.
        guard let date = try? CalendarDate(iso: iso) else { fatalError("bad fixture \(iso)") }
        return date
    }

    @Test("designation raw values are the agreed strings")
    func rawValues() {
        #expect(Designation.allCases.map(\.rawValue) == ["classified", "non-classified", "trainee", "outside-worker"])
    }

    @Test("a new designation closes the open one the day before it starts")
    func closesOpen() throws {
        let history = try DesignationHistory()
            .designating(.nonClassified, from: Self.day("2020-01-01"))
            .designating(.classified, from: Self.day("2022-03-01"))
        #expect(
            history.periods == [
                DesignationPeriod(
                    designation: .nonClassified, from: Self.day("2020-01-01"), to: Self.day("2022-02-28")),
                DesignationPeriod(designation: .classified, from: Self.day("2022-03-01")),
            ])
        #expect(history.designation(on: Self.day("2019-12-31")) == nil)
        #expect(history.designation(on: Self.day("2020-01-01")) == .nonClassified)
        #expect(history.designation(on: Self.day("2022-02-28")) == .nonClassified)
        #expect(history.designation(on: Self.day("2022-03-01")) == .classified)
        #expect(history.designation(on: Self.day("2099-01-01")) == .classified)
        #expect(history.current?.designation == .classified)
    }

    @Test("a start before the last period's start is refused")
    func refusesEarlierStart() throws {
        let history = try DesignationHistory().designating(.nonClassified, from: Self.day("2020-01-01"))
        #expect(throws: ValidationError.self) { try history.designating(.classified, from: Self.day("2019-12-31")) }
    }

    @Test("a change on the same day replaces the last period; restating the open one changes nothing")
    func sameDay() throws {
        let history = try DesignationHistory().designating(.nonClassified, from: Self.day("2020-01-01"))
        let replaced = try history.designating(.classified, from: Self.day("2020-01-01"))
        #expect(replaced.periods == [DesignationPeriod(designation: .classified, from: Self.day("2020-01-01"))])
        #expect(try history.designating(.nonClassified, from: Self.day("2021-01-01")) == history)
    }

    @Test("after a closed period a new one must start later than its end")
    func afterClosed() throws {
        let closed = try DesignationHistory()
            .designating(.nonClassified, from: Self.day("2020-01-01"))
            .closing(on: Self.day("2020-12-31"))
        #expect(closed.current == nil)
        #expect(throws: ValidationError.self) { try closed.designating(.classified, from: Self.day("2020-12-31")) }
        let reopened = try closed.designating(.classified, from: Self.day("2021-01-01"))
        #expect(reopened.periods.count == 2)
        #expect(throws: ValidationError.self) {
            try DesignationHistory().designating(.trainee, from: Self.day("2020-01-01")).closing(
                on: Self.day("2019-12-31"))
        }
    }

    @Test(
        "classified needs 18 and trainee needs 16 or 17 on the start date",
        arguments: [
            (Designation.classified, "2004-06-01", "2022-05-31", false),
            (.classified, "2004-06-01", "2022-06-01", true),
            (.trainee, "2004-06-01", "2020-05-31", false), (.trainee, "2004-06-01", "2020-06-01", true),
            (.trainee, "2004-06-01", "2022-05-31", true), (.trainee, "2004-06-01", "2022-06-01", false),
            (.nonClassified, "2004-06-01", "2019-01-01", true), (.classified, "2004-02-29", "2022-02-28", false),
            (.classified, "2004-02-29", "2022-03-01", true),
        ])
    func ageRules(designation: Designation, birth: String, start: String, allowed: Bool) {
        let result = try? DesignationHistory().designating(
            designation, from: Self.day(start), dateOfBirth: Self.day(birth))
        #expect((result != nil) == allowed)
        let unchecked = try? DesignationHistory().designating(designation, from: Self.day(start))
        #expect(unchecked?.ageErrors(dateOfBirth: Self.day(birth)).isEmpty == allowed)
    }

    @Test("decoding refuses overlapping or out-of-order periods")
    func decoding() throws {
        let good =
            #"[{"designation":"trainee","from":"2020-01-01","to":"2020-12-31"},"#
            + #"{"designation":"classified","from":"2021-01-01"}]"#
        let history = try JSONDecoder().decode(DesignationHistory.self, from: Data(good.utf8))
        #expect(history.periods.count == 2)
        #expect(try JSONDecoder().decode(DesignationHistory.self, from: JSONEncoder().encode(history)) == history)
        let overlapping =
            #"[{"designation":"trainee","from":"2020-01-01","to":"2021-01-01"},"#
            + #"{"designation":"classified","from":"2021-01-01"}]"#
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(DesignationHistory.self, from: Data(overlapping.utf8))
        }
        let openInMiddle =
            #"[{"designation":"trainee","from":"2020-01-01"},{"designation":"classified","from":"2021-01-01"}]"#
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(DesignationHistory.self, from: Data(openInMiddle.utf8))
        }
        let backwards = #"[{"designation":"trainee","from":"2020-01-01","to":"2019-01-01"}]"#
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(DesignationHistory.self, from: Data(backwards.utf8))
        }
    }
}

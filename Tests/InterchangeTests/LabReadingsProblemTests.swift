import DoseCore
import Interchange
import Testing

@Suite("Lab readings: problems, each with its line and column")
struct LabReadingsProblemTests {
    typealias Fixtures = LabReadingsFixtures

    // The problems with a second row, after a valid first one, that differs by `overrides`.
    static func problem(_ overrides: [String: String]) -> [CSVProblem] {
        let cells = ["Serial Number": "PA0000009"].merging(overrides) { $1 }
        return Fixtures.parseLandauer([Fixtures.landauerRow(), Fixtures.landauerRow(cells)]).problems
    }

    @Test("an empty file is one problem on line 1")
    func empty() {
        let result = LabReadingsCSV.parse([UInt8](), dateFormat: .iso)
        #expect(
            result
                == .invalid(
                    problems: [CSVProblem(line: 1, reason: "the file is empty; it must start with a header row")],
                    truncatedProblemCount: 0))
    }

    @Test("a header-only file is valid and has no readings, in either format")
    func headerOnly() {
        #expect(Fixtures.parseLandauer([]) == .valid(format: .landauerStyle, readings: []))
        #expect(
            LabReadingsCSV.parse(Fixtures.sievertFile([]), dateFormat: .iso) == .valid(format: .sievert, readings: []))
    }

    @Test("Landauer columns are found by name in any order and case, with spaces, and extra columns are ignored")
    func landauerHeaderByName() throws {
        let header = [
            "  serial number", "VERSION", "notecode", "use", "dosimeter", "participant number",
            "period begin date", "Period End Date ", "current sde", "current lde", "current dde", "Something Else",
        ]
        let row = ["PA9", "3", "", "COLLAR", "PA", "X1", "2026-01-01", "2026-01-31", "0.5", "M", "", "ignored"]
        let result = LabReadingsCSV.parse(Fixtures.landauerFile([row], header: header), dateFormat: .iso)
        #expect(result.problems == [])
        let reading = try #require(result.readings.first)
        #expect(reading.serial == "PA9")
        #expect(reading.version == 3)
        #expect(reading.position == .collar)
        #expect(reading.cells == LabDoseCells(hp10: .blank, hp007: Fixtures.mSv("0.5"), hp3: .belowReportingLevel))
        #expect(reading.identity == nil)
        #expect(reading.account == nil)
    }

    @Test("a Landauer header lacking required columns names every missing one on line 1")
    func missingColumns() {
        let header = Fixtures.landauerHeader.filter { $0 != "Version" && $0 != "NoteCode" }
        let result = LabReadingsCSV.parse(
            Fixtures.landauerFile([Fixtures.landauerRow(header: header)], header: header), dateFormat: .iso)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 1)
        #expect(result.problems.first?.column == nil)
        #expect(
            result.problems.first?.reason.hasPrefix("the header of a Landauer-style export lacks Version, NoteCode;")
                == true)
    }

    @Test("a Landauer column given twice is a header problem")
    func duplicateColumn() {
        let header = Fixtures.landauerHeader + ["version"]
        let result = LabReadingsCSV.parse(Fixtures.landauerFile([], header: header), dateFormat: .iso)
        #expect(result.problems.map(\.line) == [1])
        #expect(result.problems.first?.reason.contains("has more than one Version (columns 32, 34)") == true)
    }

    @Test("a header of neither format names both formats' columns")
    func neitherFormat() {
        let result = LabReadingsCSV.parse([UInt8]("name,dose\nAnn,0.1\n"), dateFormat: .iso)
        #expect(result.problems.count == 1)
        let reason = result.problems.first?.reason ?? ""
        #expect(reason.hasPrefix("the header is neither a Landauer-style export"))
        #expect(reason.contains("Participant Number, Dosimeter, Use"))
        #expect(reason.contains(LabReadingsCSV.sievertHeader.joined(separator: ",")))
        #expect(reason.hasSuffix("found \"name,dose\""))
    }

    @Test("a near miss of Sievert's header says what is missing or out of place")
    func sievertNearMiss() {
        var missing = LabReadingsCSV.sievertHeader
        missing.removeAll { $0 == "hp3" }
        let first = LabReadingsCSV.parse(CSVWriter.encode([missing]), dateFormat: .iso).problems
        #expect(first.count == 1)
        #expect(first.first?.reason.hasSuffix("; it lacks hp3") == true)

        var swapped = LabReadingsCSV.sievertHeader
        swapped.swapAt(0, 1)
        let second = LabReadingsCSV.parse(CSVWriter.encode([swapped]), dateFormat: .iso).problems
        #expect(second.first?.reason.hasSuffix("; column 1 should be serial") == true)

        let upper = LabReadingsCSV.sievertHeader.map { $0.uppercased() }
        #expect(LabReadingsCSV.parse(CSVWriter.encode([upper]), dateFormat: .iso).problems.count == 1)
    }

    @Test("a row with a different number of fields from the header is reported on its line")
    func fieldCount() {
        let result = Fixtures.parseLandauer([Fixtures.landauerRow(), Fixtures.landauerRow() + ["extra"]])
        #expect(
            result.problems == [
                CSVProblem(line: 3, reason: "expected 33 fields as in the header, found 34")
            ])
    }

    @Test(
        "bad cells are reported with the column that holds them",
        arguments: [
            (["Serial Number": ""], "Serial Number", "is required"),
            (["Serial Number": "PA\u{7}1"], "Serial Number", "must be 1 to 64 printable ASCII characters"),
            (["Participant Number": ""], "Participant Number", "is required"),
            (["Participant Number": "Ånn"], "Participant Number", "printable ASCII"),
            (["Dosimeter": ""], "Dosimeter", "is required"),
            (["Use": "HEAD"], "Use", "HEAD is not a known use; expected one of CHEST, COLLAR"),
            (["Use": ""], "Use", "is required"),
            (["Period Begin Date": ""], "Period Begin Date", "is required"),
            (["Current DDE": "-0.10"], "Current DDE", "a dose cannot be negative (found -0.10)"),
            (["Current SDE": "0.1234"], "Current SDE", "at most 3 decimal places"),
            (["Current LDE": "lots"], "Current LDE", "must be a number of mSv"),
            (["Current DDE": "20000"], "Current DDE", "at most 10000 mSv"),
            (["Current DDE": "1e3"], "Current DDE", "must be a number of mSv"),
            (["Current SDE": "0,28"], "Current SDE", "must be a number of mSv"),
            (["Current Neutron": "NaN"], "Current Neutron", "must be a number of mSv"),
            (["Current DDE": String(repeating: "9", count: 5000)], "Current DDE", "at most 10000 mSv"),
            (["Version": "0"], "Version", "must be a whole number from 1 to 999999"),
            (["Version": "1.0"], "Version", "must be a whole number"),
            (["Version": "-1"], "Version", "must be a whole number"),
            (["Version": "v2"], "Version", "must be a whole number"),
            (["Version": ""], "Version", "is required"),
            (["DOB": "29/02/1980"], "DOB", "must be a date written YYYY-MM-DD"),
            (["DOB": "1981-02-29"], "DOB", "is not a day in the calendar"),
        ])
    func badCell(overrides: [String: String], column: String, reason: String) {
        let problems = Self.problem(overrides)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.column == column)
        #expect(problems.first?.reason.contains(reason) == true, "\(problems)")
    }

    @Test("a ring reports only Hp(0.07): a value in any other dose column is a problem")
    func ringOnlyShallow() {
        let problems = Self.problem([
            "Use": "LFINGER", "Current DDE": "0.1", "Current LDE": "M", "Current SDE": "2.5", "Current Neutron": "0.2",
        ])
        #expect(problems.map(\.line) == [3, 3, 3])
        #expect(problems.map(\.column) == ["Current DDE", "Current LDE", "Current Neutron"])
        #expect(
            problems.first?.reason
                == "a ring or wrist dosemeter reports only Hp(0.07) (Current SDE), so this cell must be blank")
    }

    @Test("an eye dosemeter reports only Hp(3): a value in any other dose column is a problem")
    func eyeOnlyLens() {
        let problems = Self.problem(["Use": "EYE", "Current DDE": "", "Current LDE": "0.4", "Current SDE": "0.4"])
        #expect(
            problems == [
                CSVProblem(
                    line: 3, column: "Current SDE",
                    reason: "an eye dosemeter reports only Hp(3) (Current LDE), so this cell must be blank")
            ])
    }

    @Test("a control row must not name a participant")
    func controlWithParticipant() {
        let problems = Self.problem(["Use": "CONTROL"])
        #expect(
            problems == [
                CSVProblem(
                    line: 3, column: "Participant Number",
                    reason: "must be blank for a control dosemeter, which nobody wears")
            ])
    }

    @Test("a repeated serial and version is a problem on the later line naming the earlier")
    func duplicateSerialVersion() {
        let result = Fixtures.parseLandauer([
            Fixtures.landauerRow(), Fixtures.landauerRow(["Version": "2"]),
            Fixtures.landauerRow(["Serial Number": "X"]),
            Fixtures.landauerRow(["Version": "01"]),
        ])
        #expect(
            result.problems == [
                CSVProblem(
                    line: 5, column: "Version",
                    reason:
                        "serial PA0000002 version 1 is already on line 2; a reissued result must have a higher version")
            ])
    }

    @Test("every bad line is reported, and an invalid file returns no readings")
    func everyProblem() {
        let result = Fixtures.parseLandauer([
            Fixtures.landauerRow(["Serial Number": "A", "Current DDE": "x"]),
            Fixtures.landauerRow(["Serial Number": "B"]),
            Fixtures.landauerRow(["Serial Number": "C", "Use": "HAT", "Version": "0"]),
        ])
        #expect(result.readings.isEmpty)
        #expect(result.problems.map(\.line) == [2, 4, 4])
        #expect(result.problems.map(\.column) == ["Current DDE", "Use", "Version"])
        #expect(result.problems.first?.description.hasPrefix("line 2, column Current DDE: ") == true)
    }

    @Test("problems beyond the limit are counted, not kept")
    func maxErrors() {
        let rows = (0..<10).map { Fixtures.landauerRow(["Serial Number": "S\($0)", "Use": "?"]) }
        let result = Fixtures.parseLandauer(rows, maxErrors: 3)
        #expect(result.problems.map(\.line) == [2, 3, 4])
        guard case .invalid(_, let truncated) = result else {
            Issue.record("expected problems")
            return
        }
        #expect(truncated == 7)
    }

    @Test("broken CSV structure is reported with the column name the header gives that field")
    func structure() {
        var bytes = Fixtures.landauerFile([Fixtures.landauerRow()])
        // Rows joined by hand, unquoted, so the bad byte reaches the reader; the name has no comma to split.
        let unquoted = ["Participant Name": "Alice"]
        bytes += [UInt8](
            Fixtures.landauerRow(unquoted.merging(["Serial Number": "PA\"9"]) { $1 }).joined(separator: ",") + "\r\n")
        bytes += [UInt8](
            Fixtures.landauerRow(unquoted.merging(["Account Name": "Bad\u{0}Trust"]) { $1 }).joined(separator: ",")
                + "\r\n")
        let result = LabReadingsCSV.parse(bytes, dateFormat: .iso)
        #expect(result.problems.map(\.line) == [3, 4])
        #expect(result.problems.map(\.column) == ["Serial Number", "Account Name"])
    }

    @Test(
        "Sievert's own format: kind, position and participant are checked against each other",
        arguments: [
            (["kind": "extremity"], "kind", "extremity does not match position chest, which is worn as whole-body"),
            (["kind": "badge"], "kind", "badge is not a dosemeter kind; expected whole-body for position chest"),
            (["position": "CHEST"], "position", "CHEST is not a body position; expected one of chest, collar"),
            (["kind": "control", "position": "none"], "participant_code", "must be blank for a control dosemeter"),
            (["participant_code": ""], "participant_code", "is required"),
            (["kind": "eye", "position": "eye", "hp10": ""], "hp007", "an eye dosemeter reports only Hp(3) (hp3)"),
            (["hp3": "0.0001"], "hp3", "at most 3 decimal places"),
        ])
    func sievertProblems(overrides: [String: String], column: String, reason: String) {
        let problems = LabReadingsCSV.parse(
            Fixtures.sievertFile(rows: [Fixtures.sievertRow(overrides)]), dateFormat: .iso
        ).problems
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.column == column)
        #expect(problems.first?.reason.contains(reason) == true, "\(problems)")
    }
}

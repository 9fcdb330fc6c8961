import DoseCore
import Interchange
import Testing

@Suite("Lab readings: date formats stated per file")
struct LabReadingsDateFormatTests {
    typealias Fixtures = LabReadingsFixtures

    @Test(
        "each stated format reads its own dates",
        arguments: [
            (LabDateFormat.iso, "2026-01-01", "2026-01-31", "1980-02-29"),
            (.dayMonthYear, "01/01/2026", "31/01/2026", "29/02/1980"),
            (.monthDayYear, "01/01/2026", "01/31/2026", "02/29/1980"),
            (.dayMonthYear, "1/1/2026", "31/1/2026", "29/2/1980"),
        ])
    func eachFormat(format: LabDateFormat, begin: String, end: String, dateOfBirth: String) throws {
        // MUT
        let result = Fixtures.parseLandauer(
            [Fixtures.landauerRow(["Period Begin Date": begin, "Period End Date": end, "DOB": dateOfBirth])],
            dateFormat: format)
        // validate
        #expect(result.problems == [])
        let reading = try #require(result.readings.first)
        #expect(reading.period == Fixtures.january2026)
        #expect(reading.identity?.dateOfBirth == CalendarDate(uncheckedTest: "1980-02-29"))
    }

    @Test("the same text is a different day in day-first and month-first files: the caller decides")
    func ambiguousDates() {
        let row = Fixtures.landauerRow([
            "Period Begin Date": "01/02/2026", "Period End Date": "02/03/2026", "DOB": "",
        ])
        let dayFirst = Fixtures.parseLandauer([row], dateFormat: .dayMonthYear).readings.first?.period
        let monthFirst = Fixtures.parseLandauer([row], dateFormat: .monthDayYear).readings.first?.period
        #expect(dayFirst == Fixtures.period("2026-02-01", "2026-03-02"))
        #expect(monthFirst == Fixtures.period("2026-01-02", "2026-02-03"))
    }

    @Test("ISO dates in a file stated as DD/MM/YYYY are problems naming the line, column and format")
    func wrongFormat() {
        // MUT
        let result = Fixtures.parseLandauer([Fixtures.landauerRow()], dateFormat: .dayMonthYear)
        // validate
        #expect(!result.isValid)
        #expect(result.readings.isEmpty)
        #expect(result.problems.map(\.line) == [2, 2, 2])
        #expect(result.problems.map(\.column) == ["Period Begin Date", "Period End Date", "DOB"])
        #expect(
            result.problems.first?.reason
                == "must be a date written DD/MM/YYYY, the format stated for this file, e.g. 31/01/2026 (found 2026-01-01)"
        )
    }

    @Test("a day-first date read as month-first is refused when the month would be over 12, never swapped")
    func neverSwapped() {
        let result = Fixtures.parseLandauer(
            [Fixtures.landauerRow(["Period Begin Date": "01/01/2026", "Period End Date": "31/01/2026", "DOB": ""])],
            dateFormat: .monthDayYear)
        #expect(
            result.problems == [
                CSVProblem(
                    line: 2, column: "Period End Date",
                    reason: "31/01/2026 is not a day in the calendar when read as MM/DD/YYYY")
            ])
    }

    @Test(
        "slash dates in an ISO file, two-digit years and impossible days are refused",
        arguments: [
            (LabDateFormat.iso, "31/01/2026"), (.iso, "2026-02-30"), (.iso, "2026-1-31"), (.dayMonthYear, "31/01/26"),
            (.dayMonthYear, "31-01-2026"), (.dayMonthYear, "30/02/2026"), (.monthDayYear, "13/01/2026"),
            (.dayMonthYear, "31/01/1066"), (.dayMonthYear, "31//2026"), (.monthDayYear, "１/31/2026"),
        ])
    func refused(format: LabDateFormat, text: String) {
        let begin = format == .iso ? "2026-01-01" : "01/01/2026"
        let result = Fixtures.parseLandauer(
            [Fixtures.landauerRow(["Period Begin Date": begin, "Period End Date": text, "DOB": ""])], dateFormat: format
        )
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.column == "Period End Date")
    }

    @Test("a period that ends before it begins is a problem on the end date")
    func endBeforeBegin() {
        let result = Fixtures.parseLandauer([
            Fixtures.landauerRow(["Period Begin Date": "2026-02-01", "Period End Date": "2026-01-31"])
        ])
        #expect(result.problems.map(\.column) == ["Period End Date"])
        #expect(result.problems.first?.reason.contains("before it begins") == true)
    }

    @Test("Sievert's own format is always ISO, whatever format the caller states")
    func sievertIsISO() {
        for format in LabDateFormat.allCases {
            let result = LabReadingsCSV.parse(Fixtures.sievertFile(rows: [Fixtures.sievertRow()]), dateFormat: format)
            #expect(result.readings.first?.period == Fixtures.january2026)
        }
        let slashes = LabReadingsCSV.parse(
            Fixtures.sievertFile(rows: [Fixtures.sievertRow(["period_end": "31/01/2026"])]), dateFormat: .dayMonthYear)
        #expect(slashes.problems.map(\.column) == ["period_end"])
    }
}

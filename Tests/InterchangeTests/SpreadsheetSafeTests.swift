import Interchange
import Testing

@Suite("Spreadsheet-safe cells")
struct SpreadsheetSafeTests {
    @Test(
        "a cell a spreadsheet would run as a formula is shown as text; others are left alone",
        arguments: [
            ("=1+1", "'=1+1"), ("+44 29", "'+44 29"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
            ("\r=x", "'\r=x"), ("Prosser", "Prosser"), ("0.28", "0.28"), ("", ""), ("a=b", "a=b"), ("'=x", "'=x"),
            ("Siân", "Siân"),
        ])
    func cells(text: String, expected: String) {
        #expect(SpreadsheetSafe.cell(text) == expected)
    }

    @Test("a neutralised row still round-trips through the CSV reader")
    func roundTrip() {
        let row = SpreadsheetSafe.row(["=HYPERLINK(\"http://x\",\"y\")", "ok", "-1"])
        let read = CSVReader.rows(in: CSVWriter.encode([row])).compactMap { try? $0.get().fields }
        #expect(read == [["'=HYPERLINK(\"http://x\",\"y\")", "ok", "'-1"]])
    }
}

import Interchange
import SeededRandom
import Testing

@Suite("CSV writer")
struct CSVWriterTests {
    @Test(
        "quotes only the fields that need it",
        arguments: [
            ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("a\nb", "\"a\nb\""),
            ("a\rb", "\"a\rb\""), (" lead", "\" lead\""), ("trail ", "\"trail \""), ("in side", "in side"),
            ("\ttab", "\"\ttab\""), ("Siân", "Siân"),
        ])
    func escaping(field: String, expected: String) {
        #expect(CSVWriter.escape(field) == expected)
    }

    @Test("rows end with CRLF")
    func lineEnds() {
        #expect(CSVWriter.encode([["a", "b"], ["c", "d"]]) == [UInt8]("a,b\r\nc,d\r\n"))
    }

    @Test("a row holding one empty field is written so it is not a blank line")
    func loneEmptyField() {
        let bytes = CSVWriter.encode([["a"], [""], ["b"]])
        #expect(bytes == [UInt8]("a\r\n\"\"\r\nb\r\n"))
        #expect(CSVReader.rows(in: bytes).compactMap { try? $0.get().fields } == [["a"], [""], ["b"]])
    }

    @Test("whatever is written reads back the same")
    func roundTrip() {
        var random = TestRandom(seed: 99)
        let pieces = ["a", ",", "\"", "\r", "\n", " ", "é", "😀", "\r\n", "x y", "\t", ""]
        for _ in 0..<500 {
            let rows: [[String]] = (0..<Int.random(in: 1...5, using: &random)).map { _ in
                (0..<Int.random(in: 1...6, using: &random)).map { _ in
                    (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
                        .joined()
                }
            }
            let read = CSVReader.rows(in: CSVWriter.encode(rows)).compactMap { try? $0.get().fields }
            #expect(read == rows)
        }
    }

    // Found by Fuzz/fuzz-people-csv: a file starting with two byte order marks read as a first field beginning
    // with U+FEFF, which CSVWriter wrote unquoted at the start of its output, where the reader drops it as a BOM.
    @Test("a first field that begins with U+FEFF reads back with it")
    func leadingByteOrderMarkCharacter() {
        let rows = [["\u{FEFF}record_id", "staff_number"], ["\u{FEFF}", "x"]]
        let written = CSVWriter.encode(rows)
        #expect(written.first == UInt8(ascii: "\""))
        let read = CSVReader.rows(in: written).map { try? $0.get().fields }
        #expect(read == rows.map { Optional($0) })
        let fromFuzzer: [UInt8] = [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("record_id,x\n".utf8)
        let fields = CSVReader.rows(in: fromFuzzer).compactMap { try? $0.get().fields }
        #expect(fields == [["\u{FEFF}record_id", "x"]])
        #expect(CSVReader.rows(in: CSVWriter.encode(fields)).compactMap { try? $0.get().fields } == fields)
    }
}

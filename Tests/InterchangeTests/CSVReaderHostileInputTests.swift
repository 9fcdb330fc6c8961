import Interchange
import SeededRandom
import Testing

@Suite("CSV reader with hostile input")
struct CSVReaderHostileInputTests {
    static func problems(_ bytes: [UInt8], limits: CSVReader.Limits = .init()) -> [CSVError] {
        CSVReader.rows(in: bytes, limits: limits).compactMap { element in
            if case .failure(let error) = element { return error }
            return nil
        }
    }

    static func goodRows(_ bytes: [UInt8]) -> [[String]] {
        CSVReader.rows(in: bytes).compactMap { try? $0.get().fields }
    }

    @Test("an unterminated quote is reported at the line where it opened")
    func unterminatedQuote() {
        let bytes = [UInt8]("a,b\nc,\"never closed\nmore\nlines\n")
        let problems = Self.problems(bytes)
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.column == 2)
        #expect(problems.first?.reason.contains("closing quote") == true)
        #expect(Self.goodRows(bytes) == [["a", "b"]])
    }

    @Test("text after a closing quote spoils only its row")
    func textAfterQuote() {
        let bytes = [UInt8]("ok,1\n\"abc\"def,2\nok,3\n")
        let problems = Self.problems(bytes)
        #expect(problems == [CSVError(line: 2, column: 1, reason: "text follows the closing quote of a quoted field")])
        #expect(Self.goodRows(bytes) == [["ok", "1"], ["ok", "3"]])
    }

    @Test("a bare quote inside an unquoted field is reported with its field")
    func bareQuote() {
        let problems = Self.problems([UInt8]("a,b\nx,5\" tall\n"))
        #expect(problems.map(\.line) == [2])
        #expect(problems.map(\.column) == [2])
        #expect(problems.first?.reason.contains("quote") == true)
    }

    @Test("invalid UTF-8 is reported on the physical line of the bad byte")
    func invalidUTF8() {
        let bytes = [UInt8]("a\n\"line2\nline3 ") + [0xC3, 0x28] + [UInt8]("\",x\nok\n")
        let problems = Self.problems(bytes)
        #expect(problems.map(\.line) == [3])
        #expect(problems.first?.column == 1)
        #expect(Self.goodRows(bytes) == [["a"], ["ok"]])
    }

    @Test(
        "overlong forms, surrogates and out-of-range code points are invalid UTF-8",
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xE2, 0x82], [0xFF],
        ] as [[UInt8]])
    func invalidSequences(bytes: [UInt8]) {
        #expect(Self.problems(bytes + [UInt8]("\n")).count == 1)
    }

    @Test("NUL bytes are refused in quoted and unquoted fields")
    func nul() {
        #expect(Self.problems([UInt8]("a\u{0}b\n")).map(\.line) == [1])
        #expect(Self.problems([UInt8]("x,\"a\n\u{0}\"\n")).map(\.line) == [2])
    }

    @Test("a carriage return without a line feed is reported")
    func bareCarriageReturn() {
        let problems = Self.problems([UInt8]("a\rb,c\n"))
        #expect(problems.count == 1)
        #expect(problems.first?.reason.contains("carriage return") == true)
    }

    @Test("a field over the limit is reported without keeping it, and reading carries on")
    func longField() {
        let tenMegabytes = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        let bytes = [UInt8]("id,note\n1,") + tenMegabytes + [UInt8]("\n2,fine\n")
        let result = CSVReader.rows(in: bytes)
        #expect(result.count == 3)
        #expect(result.compactMap { try? $0.get().fields } == [["id", "note"], ["2", "fine"]])
        let problems = Self.problems(bytes)
        #expect(problems == [CSVError(line: 2, column: 2, reason: "the field is longer than the limit of 65536 bytes")])
    }

    @Test("a long quoted field spanning lines is cut off at the limit and later rows keep their line numbers")
    func longQuotedField() {
        let body = String(repeating: "y\n", count: 40_000)
        let bytes = [UInt8]("\"\(body)\"\nafter\n")
        let result = CSVReader.rows(in: bytes)
        #expect(result.count == 2)
        #expect((try? result.last?.get().line) == 40_002)
    }

    @Test("the field and column limits are configurable")
    func limits() {
        let limits = CSVReader.Limits(maximumFieldBytes: 4, maximumColumns: 3, maximumRowBytes: 10)
        #expect(Self.problems([UInt8]("abcd,e\n"), limits: limits).isEmpty)
        #expect(Self.problems([UInt8]("abcde\n"), limits: limits).map(\.column) == [1])
        #expect(Self.problems([UInt8]("\"ab\"\"c\"\n"), limits: limits).isEmpty)
        #expect(Self.problems([UInt8]("\"ab\"\"cd\"\n"), limits: limits).count == 1)
        #expect(Self.problems([UInt8]("a,b,c\n"), limits: limits).isEmpty)
        let tooWide = Self.problems([UInt8]("a,b,c,d,e\n"), limits: limits)
        #expect(tooWide.map(\.column) == [4])
        #expect(tooWide.first?.reason.contains("more than the limit of 3 fields") == true)
        #expect(Self.problems([UInt8]("abcd,abcd,abcd\n"), limits: limits).first?.reason.contains("row") == true)
    }

    @Test("a million commas on one line are refused by the column limit")
    func manyColumns() {
        let bytes = [UInt8](repeating: UInt8(ascii: ","), count: 1_000_000) + [UInt8]("\nok\n")
        let result = CSVReader.rows(in: bytes)
        #expect(result.count == 2)
        #expect(Self.problems(bytes).first?.column == 257)
    }

    @Test("random bytes never trap and every problem has a line and field")
    func garbage() {
        var random = TestRandom(seed: 7)
        let alphabet: [UInt8] = [UInt8]("a,\"\r\n ") + [0, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        for round in 0..<2_000 {
            let length = Int.random(in: 0...300, using: &random)
            let bytes: [UInt8] = (0..<length).map { _ in
                round.isMultiple(of: 2)
                    ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random) ?? 0
            }
            let newlines = bytes.filter { $0 == UInt8(ascii: "\n") }.count
            for element in CSVReader.rows(in: bytes) {
                switch element {
                case .success(let row):
                    #expect(row.line >= 1 && row.line <= newlines + 1)
                case .failure(let error):
                    #expect(error.line >= 1 && error.line <= newlines + 1)
                    #expect(error.column >= 1)
                    #expect(!error.reason.isEmpty)
                }
            }
        }
    }
}

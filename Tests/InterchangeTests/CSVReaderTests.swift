import Interchange
import SeededRandom
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    static func rows(_ text: String, limits: CSVReader.Limits = .init()) -> [CSVReader.Element] {
        CSVReader.rows(in: [UInt8](text), limits: limits)
    }

    static func fields(_ text: String) -> [[String]] {
        rows(text).compactMap { try? $0.get().fields }
    }

    @Test("reads simple rows with LF or CRLF line ends, with or without a final line end")
    func simple() {
        #expect(Self.fields("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(Self.fields("a,b,c\r\n1,2,3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(Self.fields("a,b,c\r\n1,2,3") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(Self.fields("a,,\n,,") == [["a", "", ""], ["", "", ""]])
    }

    @Test("quoted fields keep commas, quotes and line breaks")
    func quoted() {
        #expect(
            Self.fields("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\n") == [["a,b", "say \"hi\"", "line1\nline2"]])
        #expect(Self.fields("\"\",x\n") == [["", "x"]])
        #expect(Self.fields("\"crlf\r\ninside\"\r\n") == [["crlf\r\ninside"]])
    }

    @Test("rows carry the physical line they start on, counting line breaks inside quotes")
    func lineNumbers() {
        let result = Self.rows("h\n\"a\nb\nc\"\nnext\n\n\nlast")
        #expect(result.compactMap { try? $0.get().line } == [1, 2, 5, 8])
    }

    @Test("blank lines are skipped but a quoted empty field is a row")
    func blankLines() {
        #expect(Self.fields("a\n\n\r\nb\n") == [["a"], ["b"]])
        #expect(Self.fields("\"\"\n") == [[""]])
    }

    @Test("empty input has no rows")
    func empty() {
        #expect(Self.rows("").isEmpty)
        #expect(Self.rows("\n\n").isEmpty)
    }

    @Test("a UTF-8 byte order mark is skipped, even split across chunks")
    func byteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + [UInt8]("a,b\n")
        #expect(CSVReader.rows(in: bytes).compactMap { try? $0.get().fields } == [["a", "b"]])
        var reader = CSVReader()
        var output = reader.read([0xEF])
        output += reader.read([0xBB])
        output += reader.read([0xBF, UInt8(ascii: "x")])
        output += reader.finish()
        #expect(output.compactMap { try? $0.get().fields } == [["x"]])
        #expect(CSVReader.rows(in: [0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(CSVReader.rows(in: [UInt8]("ab")).compactMap { try? $0.get().fields } == [["ab"]])
        #expect(CSVReader.rows(in: [UInt8]("a")).compactMap { try? $0.get().fields } == [["a"]])
    }

    @Test("a byte order mark in the middle of a row is data, not skipped")
    func byteOrderMarkOnlyAtStart() {
        let bytes = [UInt8]("a,") + [0xEF, 0xBB, 0xBF] + [UInt8]("b\n")
        #expect(CSVReader.rows(in: bytes).compactMap { try? $0.get().fields } == [["a", "\u{FEFF}b"]])
    }

    @Test("unicode text is decoded")
    func unicode() {
        #expect(Self.fields("Siân,Ó Súilleabháin,😀\n") == [["Siân", "Ó Súilleabháin", "😀"]])
    }

    @Test("reading in chunks of any size gives the same rows as reading at once")
    func chunking() {
        let text =
            "\u{FEFF}id,name,note\r\n1,\"Ann, A\",\"multi\r\nline \"\"quoted\"\"\"\r\n"
            + "2,Bob,\r\n3,\"x\"y,z\n4,\u{0}\n5,é,\"\"\r\n"
        let bytes = [UInt8](text)
        let whole = CSVReader.rows(in: bytes)
        #expect(whole.count == 6)
        var random = TestRandom(seed: 42)
        for _ in 0..<300 {
            var chunks: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                let size = Int.random(in: 1...7, using: &random)
                chunks.append(Array(bytes[index..<min(bytes.count, index + size)]))
                index += size
            }
            #expect(Array(CSVReader.rows(inChunks: chunks)) == whole)
        }
    }

    @Test("the streaming sequence asks for chunks only as rows are needed")
    func lazy() {
        var pulled = 0
        let chunks = (0..<1000).lazy.map { index -> [UInt8] in
            pulled += 1
            return [UInt8]("row\(index)\n")
        }
        var iterator = CSVReader.rows(inChunks: chunks).makeIterator()
        #expect((try? iterator.next()?.get().fields) == ["row0"])
        #expect(pulled < 5)
    }
}

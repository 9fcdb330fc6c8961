import DoseCore
import Foundation
import Interchange
import SeededRandom
import Testing

@Suite("Lab readings with hostile input")
struct LabReadingsHostileInputTests {
    typealias Fixtures = LabReadingsFixtures

    @Test("a byte order mark, CRLF and LF line ends all give the sample's readings")
    func byteOrderMarkAndLineEnds() throws {
        let sample = try Fixtures.sampleBytes()
        let expected = LabReadingsCSV.parse(sample, dateFormat: .iso)
        #expect(expected.readings.count == 9)
        let lf = [UInt8](String(decoding: sample, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let crlf = [UInt8](String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        for bytes in [lf, crlf, [0xEF, 0xBB, 0xBF] + lf, [0xEF, 0xBB, 0xBF] + crlf] {
            #expect(LabReadingsCSV.parse(bytes, dateFormat: .iso) == expected)
        }
    }

    @Test("a file of only a byte order mark or blank lines is empty")
    func onlyNothing() {
        for bytes: [UInt8] in [[0xEF, 0xBB, 0xBF], [UInt8]("\r\n\n\r\n")] {
            let problems = LabReadingsCSV.parse(bytes, dateFormat: .iso).problems
            #expect(problems.map(\.line) == [1])
            #expect(problems.first?.reason.contains("empty") == true)
        }
    }

    @Test("rows whose every cell is blank are skipped, and later rows keep their line numbers")
    func blankRows() {
        let blank = Array(repeating: "", count: Fixtures.landauerHeader.count)
        let result = Fixtures.parseLandauer([blank, Fixtures.landauerRow(), blank.map { _ in " " }])
        #expect(result.problems == [])
        #expect(result.readings.map(\.line) == [3])
    }

    @Test("an unterminated quote is reported at the line and column where it opened")
    func unterminatedQuote() {
        var bytes = Fixtures.landauerFile([Fixtures.landauerRow()])
        bytes += [UInt8]("EX001,\"Example Trust\r\nand the rest of the file\r\nnever closes\r\n")
        let problems = LabReadingsCSV.parse(bytes, dateFormat: .iso).problems
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.column == "Account Name")
        #expect(problems.first?.reason.contains("closing quote") == true)
    }

    @Test("NUL bytes and invalid UTF-8 are reported in the header and in rows")
    func nulAndInvalidUTF8() {
        let header = LabReadingsCSV.parse([UInt8]("serial,\u{0}\n"), dateFormat: .iso).problems
        #expect(header.map(\.line) == [1])
        #expect(header.first?.reason.contains("NUL") == true)

        var bytes = Fixtures.sievertFile(rows: [Fixtures.sievertRow()])
        bytes += [UInt8]("PA1,P") + [0xC3, 0x28] + [UInt8](",whole-body,chest,2026-01-01,2026-01-31,,,,,1\r\n")
        bytes += [UInt8]("PA2,P2,whole-body,chest,2026-01-01,2026-01-31,,,,\u{0},1\r\n")
        let problems = LabReadingsCSV.parse(bytes, dateFormat: .iso).problems
        #expect(problems.map(\.line) == [3, 4])
        #expect(problems.map(\.column) == ["participant_code", "note"])
        #expect(problems.first?.reason.contains("UTF-8") == true)
    }

    // 50 MB arrive in 1 MB chunks, so the test itself does not hold them at once.
    static func chunks(before: [UInt8], megabytes: Int, after: [UInt8]) -> [[UInt8]] {
        let megabyte = [UInt8](repeating: UInt8(ascii: "9"), count: 1 << 20)
        return [before] + Array(repeating: megabyte, count: megabytes) + [after]
    }

    @Test("a 50 MB cell is refused at the reader's field limit, in a row or in the header")
    func hugeCell() {
        let row = Fixtures.sievertRow().joined(separator: ",")
        let inRow = LabReadingsCSV.parse(
            chunks: Self.chunks(
                before: Fixtures.sievertFile(rows: [Fixtures.sievertRow()]) + [UInt8]("PA3,P3,whole-body,chest,"),
                megabytes: 50,
                after: [UInt8](",2026-01-31,,,,,1\r\n" + row.replacingOccurrences(of: "PA0000002", with: "PA4"))),
            dateFormat: .iso)
        #expect(
            inRow.problems == [
                CSVProblem(line: 3, column: "period_begin", reason: "the field is longer than the limit of 65536 bytes")
            ])

        let inHeader = LabReadingsCSV.parse(
            chunks: Self.chunks(before: [UInt8]("serial,"), megabytes: 50, after: [UInt8]("\r\n")), dateFormat: .iso)
        #expect(inHeader.problems.map(\.line) == [1])
        #expect(inHeader.problems.first?.reason == "field 2: the field is longer than the limit of 65536 bytes")
    }

    @Test("100,000 rows stream through in chunks and every one is read")
    func manyRows() throws {
        let count = 100_000
        let header = CSVWriter.encode([LabReadingsCSV.sievertHeader])
        // Each chunk is built as it is asked for, so only the readings are held, never the file.
        let chunks = (-1..<(count / 1000)).lazy.map { block in
            block < 0
                ? header
                : CSVWriter.encode(
                    (block * 1000..<(block + 1) * 1000).map { index in
                        Fixtures.sievertRow(["serial": "PA\(index)", "participant_code": "P\(index % 977)"])
                    })
        }
        let result = LabReadingsCSV.parse(chunks: chunks, dateFormat: .iso)
        #expect(result.problems == [])
        #expect(result.readings.count == count)
        #expect(result.readings.first?.line == 2)
        #expect(result.readings.last?.line == count + 1)
        #expect(result.readings.last?.serial == "PA\(count - 1)")
    }

    @Test("100,000 bad rows keep only the problems asked for")
    func manyProblems() {
        let rows = (0..<100_000).map { Fixtures.sievertRow(["serial": "PA\($0)", "hp10": "-1"]) }
        let result = LabReadingsCSV.parse(Fixtures.sievertFile(rows: rows), dateFormat: .iso, maxErrors: 50)
        #expect(result == .invalid(problems: Array(result.problems.prefix(50)), truncatedProblemCount: 99_950))
        #expect(result.problems.count == 50)
        #expect(result.problems.last?.line == 51)
    }

    @Test("random bytes, with or without a valid header, never trap and every problem names a line in the file")
    func garbage() {
        var random = SplitMix64(seed: 11)
        let headers = [Fixtures.landauerFile([]), Fixtures.sievertFile([])]
        let alphabet: [UInt8] = [UInt8](",\"\r\n M0.1-/9PACHEST") + [0, 0xC3, 0xA9, 0xFF, 0xEF, 0xBB, 0xBF]
        for round in 0..<1_000 {
            let length = Int.random(in: 0...600, using: &random)
            var bytes: [UInt8] = (0..<length).map { _ in
                round % 3 == 0 ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random) ?? 0
            }
            if round.isMultiple(of: 2) {
                bytes = headers[round / 2 % 2] + bytes
            }
            let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let result = LabReadingsCSV.parse(bytes, dateFormat: .dayMonthYear)
            #expect(result.isValid == result.problems.isEmpty)
            for problem in result.problems {
                #expect(problem.line >= 1 && problem.line <= lines)
                #expect(!problem.reason.isEmpty)
            }
            for reading in result.readings {
                #expect(reading.line >= 2 && reading.line <= lines)
            }
        }
    }

    @Test("changing any one byte of the sample never traps, and gives readings or problems")
    func mutations() throws {
        var random = SplitMix64(seed: 12)
        let sample = try Fixtures.sampleBytes()
        for _ in 0..<1_000 {
            var bytes = sample
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            let result = LabReadingsCSV.parse(bytes, dateFormat: .iso)
            #expect(result.readings.count + result.problems.count >= 1)
            #expect(result.readings.count <= 9)
        }
    }
}

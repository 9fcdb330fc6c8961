import DoseCore
import Foundation
import Interchange
import Testing

@Suite("People CSV")
struct PeopleCSVTests {
    typealias Fixtures = PeopleCSVFixtures

    @Test("a valid file gives normalised records and no problems")
    func happyPath() throws {
        let result = Fixtures.parse([
            Fixtures.row(),
            Fixtures.row([
                "record_id": "R-0002", "forenames": "", "ni_number": "", "email": "", "phone": "", "address": "",
                "postcode": "", "sex": "", "status": "", "date_of_birth": "", "staff_number": "", "updated_at": "",
            ]),
        ])
        #expect(result.problems == [])
        #expect(result.isValid)
        #expect(result.records.count == 2)
        let first = try #require(result.records.first)
        #expect(first.line == 2)
        #expect(first.recordID == "R-0001")
        #expect(first.organisationCode.value == "AVUHB")
        #expect(first.staffNumber == "E1001")
        #expect(first.identity.forenames == "Rhian")
        #expect(first.identity.surname == "Testfield")
        #expect(first.identity.dateOfBirth?.iso == "1984-03-07")
        #expect(first.identity.sex == .female)
        #expect(first.identity.nino?.value == "AB123456C")
        #expect(first.contact.postcode == "CF14 2TL")
        #expect(first.status == .active)
        #expect(first.updatedAt == Date(timeIntervalSince1970: 1_714_558_830))
        let second = try #require(result.records.last)
        #expect(second.line == 3)
        #expect(second.identity.forenames == nil)
        #expect(second.identity.nino == nil)
        #expect(second.contact == ContactDetails())
        #expect(second.status == .active)
        #expect(second.updatedAt == nil)
    }

    @Test("an empty file is one problem on line 1")
    func emptyFile() {
        let result = PeopleCSV.parse([UInt8](), today: Fixtures.today)
        #expect(result.records.isEmpty)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 1)
        #expect(result.problems.first?.reason.contains("empty") == true)
    }

    @Test("a header-only file is valid and empty")
    func headerOnly() {
        let result = PeopleCSV.parse(Fixtures.file([]), today: Fixtures.today)
        #expect(result.isValid)
        #expect(result.records.isEmpty)
    }

    @Test("a wrong header is one clear problem naming what was expected and found")
    func wrongHeader() {
        var header = PeopleCSV.header
        header[4] = "last_name"
        let result = PeopleCSV.parse(Fixtures.file([Fixtures.row()], header: header), today: Fixtures.today)
        #expect(result.records.isEmpty)
        #expect(result.problems.count == 1)
        let reason = result.problems.first?.reason ?? ""
        #expect(reason.contains(PeopleCSV.header.joined(separator: ",")))
        #expect(reason.contains("last_name"))
        #expect(reason.contains("column 5 should be surname"))
        #expect(result.problems.first?.description.hasPrefix("line 1: ") == true)
    }

    @Test("the header is case-sensitive and must have every column in order")
    func headerStrictness() {
        let upper = PeopleCSV.header.map { $0.uppercased() }
        #expect(PeopleCSV.parse(Fixtures.file([], header: upper), today: Fixtures.today).problems.count == 1)
        let short = Array(PeopleCSV.header.dropLast())
        let shortResult = PeopleCSV.parse(Fixtures.file([], header: short), today: Fixtures.today)
        #expect(shortResult.problems.first?.reason.contains("expected 15 columns, found 14") == true)
        let swapped = [PeopleCSV.header[1], PeopleCSV.header[0]] + PeopleCSV.header.dropFirst(2)
        #expect(PeopleCSV.parse(Fixtures.file([], header: swapped), today: Fixtures.today).problems.count == 1)
    }

    @Test("a byte order mark and CRLF or LF line ends are accepted")
    func bomAndLineEnds() {
        let crlf = Fixtures.file([Fixtures.row()])
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + crlf
        let lf = [UInt8](String(decoding: crlf, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        for bytes in [crlf, bom, lf] {
            let result = PeopleCSV.parse(bytes, today: Fixtures.today)
            #expect(result.problems == [])
            #expect(result.records.count == 1)
        }
    }

    @Test("an address with embedded line breaks is read and normalised, and later lines keep their numbers")
    func embeddedNewlines() throws {
        let result = Fixtures.parse([
            Fixtures.row(["address": "Flat 2\r\n1 Example Road\nTestville"]),
            Fixtures.row(["record_id": "R-0002", "ni_number": "not a nino"]),
        ])
        #expect(result.records.first?.contact.address == "Flat 2, 1 Example Road, Testville")
        #expect(result.problems.map(\.line) == [5])
    }

    @Test("every bad line is reported, not just the first, and bad lines never become records")
    func reportsEveryLine() {
        let result = Fixtures.parse([
            Fixtures.row(["record_id": "A", "surname": ""]),
            Fixtures.row(["record_id": "B"]),
            Fixtures.row(["record_id": "C", "date_of_birth": "2023-02-29", "sex": "Q"]),
            Fixtures.row(["record_id": "D"]),
        ])
        #expect(result.records.map(\.recordID) == ["B", "D"])
        #expect(result.problems.map(\.line) == [2, 4, 4])
        #expect(result.problems.map(\.column) == ["surname", "date_of_birth", "sex"])
        #expect(!result.isValid)
    }

    @Test("a duplicate record_id is reported on the later line, naming the earlier one")
    func duplicates() {
        let result = Fixtures.parse([
            Fixtures.row(["record_id": "R-1"]), Fixtures.row(["record_id": "R-2"]), Fixtures.row(["record_id": "R-1"]),
        ])
        #expect(result.records.map(\.line) == [2, 3])
        #expect(
            result.problems == [
                CSVProblem(line: 4, column: "record_id", reason: "record_id R-1 is already used on line 2")
            ])
        #expect(
            result.problems.first?.description == "line 4, column record_id: record_id R-1 is already used on line 2")
    }

    @Test("a line with the wrong number of fields is reported")
    func columnCount() {
        let result = Fixtures.parse([Fixtures.row() + ["extra"], Array(Fixtures.row().prefix(3))])
        #expect(result.problems.map(\.line) == [2, 3])
        #expect(result.problems.map(\.column) == [nil, nil])
        #expect(result.problems.first?.reason == "expected 15 fields as in the header, found 16")
    }

    @Test("bad quoting is reported with the line and the column name")
    func badQuoting() {
        var bytes = Fixtures.file([Fixtures.row()])
        bytes += [UInt8]("R-2,AVUHB,,Ann,\"Test\"field,1984-03-07,F,,,,,,,,\r\n")
        bytes += [UInt8]("R-3,AVUHB,,Ann,Test\"field,1984-03-07,F,,,,,,,,\r\n")
        bytes += [UInt8]("R-4,AVUHB,,Ann,Testfield,1984-03-07,F,,,,\"never closed,,,,\r\n")
        let result = PeopleCSV.parse(bytes, today: Fixtures.today)
        #expect(result.records.map(\.recordID) == ["R-0001"])
        #expect(result.problems.map(\.line) == [3, 4, 5])
        #expect(result.problems.map(\.column) == ["surname", "surname", "address"])
    }

    @Test("problems beyond the limit are counted, not kept")
    func maxErrors() {
        let rows = (0..<50).map { Fixtures.row(["record_id": "R\($0)", "sex": "?"]) }
        let result = Fixtures.parse(rows, maxErrors: 10)
        #expect(result.problems.count == 10)
        #expect(result.truncatedProblemCount == 40)
        #expect(result.records.isEmpty)
    }

    @Test("a 10 MB field is refused with its line and column, and the other lines are still checked")
    func hugeField() {
        var bytes = Fixtures.file([Fixtures.row()])
        let huge = String(repeating: "x", count: 10_000_000)
        bytes += CSVWriter.encode([Fixtures.row(["record_id": "R-2", "address": huge])])
        bytes += CSVWriter.encode([Fixtures.row(["record_id": "R-3"])])
        let result = PeopleCSV.parse(bytes, today: Fixtures.today)
        #expect(result.records.map(\.recordID) == ["R-0001", "R-3"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 3)
        #expect(result.problems.first?.column == "address")
        #expect(result.problems.first?.reason.contains("65536") == true)
    }

    @Test("a file read in chunks gives the same result as one read at once")
    func chunks() {
        let bytes = Fixtures.file((0..<20).map { Fixtures.row(["record_id": "R\($0)", "address": "1 Road,\nTown"]) })
        let whole = PeopleCSV.parse(bytes, today: Fixtures.today)
        let chunked = PeopleCSV.parse(
            chunks: stride(from: 0, to: bytes.count, by: 13).map { Array(bytes[$0..<min(bytes.count, $0 + 13)]) },
            today: Fixtures.today)
        #expect(chunked == whole)
        #expect(whole.records.count == 20)
    }
}

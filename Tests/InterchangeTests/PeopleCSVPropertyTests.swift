import DoseCore
import Foundation
import Interchange
import SeededRandom
import Testing

@Suite("People CSV properties")
struct PeopleCSVPropertyTests {
    typealias Fixtures = PeopleCSVFixtures

    // Awkward but valid pieces, so generated values exercise quoting, unicode and spacing.
    static let namePieces = [
        "Ann", "O'Neil", "Siân", "Ó", "Van der", "Zoë", "\"Bobby\"", "Smith, Jr", "Ll", "ap", "李",
    ]
    static let addressPieces = [
        "1 Example Road", "Flat 2, Block B", "\"The Cottage\"", "Testville", "Cwm Ffug", "Ynys",
    ]

    static func pick(_ values: [String], _ random: inout TestRandom) -> String {
        values.randomElement(using: &random) ?? ""
    }

    static func maybe<T>(_ random: inout TestRandom, _ make: (inout TestRandom) throws -> T) rethrows -> T? {
        Bool.random(using: &random) ? try make(&random) : nil
    }

    static func record(line: Int, _ random: inout TestRandom) throws -> PeopleCSVRecord {
        let first = "ABCEGHJKLMNOPRSTWXYZ".map(String.init)
        let second = "ABCEGHJKLMNPRSTWXYZ".map(String.init)
        let dateOfBirth = try maybe(&random) { r in
            try #require(CalendarDate(daysSince1970: Int.random(in: -25_000...12_000, using: &r)))
        }
        let status = PersonStatus.allCases.randomElement(using: &random) ?? .active
        let milliseconds = Int64.random(in: 946_684_800_000...1_893_456_000_000, using: &random)
        return PeopleCSVRecord(
            line: line,
            recordID: "R \(line)-\(Int.random(in: 0...9999, using: &random)),\"x\"",
            organisationCode: try OrganisationCode(pick(["AVUHB", "BNT-2", "ZZ9"], &random)),
            staffNumber: try maybe(&random) { r in
                try Employment.normaliseStaffNumber("e/\(Int.random(in: 0...99999, using: &r))")
            },
            identity: PersonIdentity(
                forenames: try maybe(&random) { r in
                    try PersonIdentity.normaliseName(
                        "\(pick(namePieces, &r)) \(pick(namePieces, &r))", field: "forenames")
                },
                surname: try PersonIdentity.normaliseName(
                    pick(namePieces, &random) + pick(namePieces, &random), field: "surname"),
                dateOfBirth: dateOfBirth,
                sex: Sex.allCases.randomElement(using: &random),
                nino: try maybe(&random) { r in
                    let digits = String(Int.random(in: 100_000...999_999, using: &r))
                    let prefix = pick(first, &r) + pick(second, &r)
                    return try NINO(
                        parsing: (["GB", "NK", "NT", "TN", "ZZ", "BG", "KN"].contains(prefix) ? "AB" : prefix) + digits
                            + pick(["A", "B", "C", "D"], &r))
                }
            ),
            contact: ContactDetails(
                email: try maybe(&random) { r in
                    try ContactDetails.normaliseEmail("p\(Int.random(in: 0...999, using: &r))@Example.ORG")
                },
                phone: try maybe(&random) { r in
                    try ContactDetails.normalisePhone("07700 900\(Int.random(in: 100...999, using: &r))")
                },
                address: try maybe(&random) { r in
                    try ContactDetails.normaliseAddress("\(pick(addressPieces, &r))\n\(pick(addressPieces, &r))")
                },
                postcode: try maybe(&random) { r in
                    try ContactDetails.normalisePostcode(pick(["cf14 2tl", "SW1A1AA", "m1 1ae"], &r))
                }
            ),
            status: status,
            dateOfDeath: status == .deceased && Bool.random(using: &random) ? Fixtures.today : nil,
            updatedAt: maybe(&random) { _ in
                Date(timeIntervalSince1970: Double(milliseconds / 1000) + Double(milliseconds % 1000) / 1000)
            }
        )
    }

    @Test("export then parse gives back exactly the same records")
    func roundTrip() throws {
        var random = TestRandom(seed: 2024)
        for _ in 0..<200 {
            let count = Int.random(in: 0...20, using: &random)
            var records: [PeopleCSVRecord] = []
            var line = 2
            for _ in 0..<count {
                let record = try Self.record(line: line, &random)
                records.append(record)
                // A quoted line break in the record id or address moves later rows down.
                line += 1 + PeopleCSV.row(for: record).joined().filter { $0 == "\n" || $0 == "\r\n" }.count
            }
            let result = PeopleCSV.parse(PeopleCSV.write(records), today: Fixtures.today)
            #expect(result.problems == [])
            #expect(result.records == records)
        }
    }

    @Test("a thousand random byte strings never crash and every problem names a line")
    func garbage() {
        var random = TestRandom(seed: 1)
        let header = Fixtures.file([])
        let alphabet: [UInt8] = [UInt8](",\"\r\n aZ09-@.") + [0, 0xC3, 0xA9, 0xFF]
        for round in 0..<1_500 {
            let length = Int.random(in: 0...600, using: &random)
            var bytes: [UInt8] = (0..<length).map { _ in
                round % 3 == 0 ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random) ?? 0
            }
            if round.isMultiple(of: 2) {
                bytes = header + bytes
            }
            let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let result = PeopleCSV.parse(bytes, today: Fixtures.today)
            let rowCount = CSVReader.rows(in: bytes).count
            if round.isMultiple(of: 2) {
                // Every row after the header is either a record or the cause of a problem.
                #expect(result.records.count <= rowCount - 1)
                if result.records.count < rowCount - 1 {
                    #expect(!result.problems.isEmpty)
                }
            } else {
                #expect(result.records.isEmpty)
                #expect(result.problems.count == 1)
            }
            for problem in result.problems {
                #expect(problem.line >= 1 && problem.line <= lines)
                #expect(!problem.reason.isEmpty)
            }
            for record in result.records {
                #expect(record.line >= 2 && record.line <= lines)
            }
        }
    }

    @Test("mutating single bytes of a valid file never crashes and keeps the other rows")
    func mutations() {
        var random = TestRandom(seed: 5)
        let rows = (0..<10).map { Fixtures.row(["record_id": "R\($0)", "address": "1 Road,\nTown"]) }
        let original = Fixtures.file(rows)
        for _ in 0..<1_000 {
            var bytes = original
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] = UInt8.random(in: 0...255, using: &random)
            let result = PeopleCSV.parse(bytes, today: Fixtures.today)
            #expect(result.records.count + result.problems.count >= 1)
            #expect(result.records.count <= 10)
        }
    }
}

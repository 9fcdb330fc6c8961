import Interchange
import Testing

@Suite("Assignments file")
struct AssignmentsCSVTests {
    static let header = AssignmentsCSV.header.joined(separator: ",")

    static func parse(_ text: String) -> (rows: [AssignmentsCSVRow], problems: [CSVProblem], moreProblems: Int) {
        AssignmentsCSV.parse(Array(text.utf8))
    }

    @Test("a good file gives one row per line, trimmed, with its physical line")
    func good() {
        let result = Self.parse(
            "\(Self.header)\n,S-1,,chest,monthly,2026-03-01\n0190a1b2-0000-7000-8000-000000000001, ,,eye , quarterly,\n"
        )
        #expect(result.problems.isEmpty)
        #expect(
            result.rows == [
                AssignmentsCSVRow(
                    line: 2, staffNumber: "S-1", position: "chest", frequency: "monthly", starts: "2026-03-01"),
                AssignmentsCSVRow(
                    line: 3, person: "0190a1b2-0000-7000-8000-000000000001", position: "eye", frequency: "quarterly"),
            ])
    }

    @Test(
        "a bad shape is reported by line and column, and then no row is returned",
        arguments: [
            ("", 1, nil, "empty"),
            ("person,staff,employment,position,frequency,starts\n", 1, nil, "column 2 should be staff_number"),
            ("\(header)\n,S-1,,chest,monthly\n", 2, nil, "expected 6 fields"),
            ("\(header)\n,,,chest,monthly,\n", 2, "person", "exactly one of person and staff_number"),
            ("\(header)\nP,S-1,,chest,monthly,\n", 2, "staff_number", "exactly one of person and staff_number"),
            ("\(header)\n", 2, nil, "no assignment lines"),
            ("\(header)\n,\"S-1,,chest,monthly,\n", 2, "staff_number", "quote"),
        ] as [(String, Int, String?, String)])
    func badShape(text: String, line: Int, column: String?, reason: String) {
        let result = Self.parse(text)
        #expect(result.rows.isEmpty)
        let problem = result.problems.first
        #expect(problem?.line == line)
        #expect(problem?.column == column)
        #expect(problem?.reason.contains(reason) == true, "\(String(describing: problem))")
    }

    @Test("one bad line among good ones returns no rows: the file is all or nothing")
    func oneBadLine() {
        let result = Self.parse("\(Self.header)\n,S-1,,chest,monthly,\n,,,chest,monthly,\n,S-3,,eye,monthly,\n")
        #expect(result.rows.isEmpty)
        #expect(result.problems.map(\.line) == [3])
    }

    @Test("a file over the line limit is refused with a line number, and problems beyond the cap are counted")
    func huge() {
        var text = Self.header + "\n"
        for index in 0...AssignmentsCSV.maximumRows { text += ",S-\(index),,chest,monthly,\n" }
        let tooMany = Self.parse(text)
        #expect(tooMany.rows.isEmpty)
        #expect(tooMany.problems.first?.line == AssignmentsCSV.maximumRows + 2)

        var bad = Self.header + "\n"
        for _ in 0..<1_500 { bad += ",,,chest,monthly,\n" }
        let capped = Self.parse(bad)
        #expect(capped.problems.count == 1_000)
        #expect(capped.moreProblems == 500)
    }

    @Test("binary junk and formula-like values do not crash; values pass through as text for the use case to judge")
    func hostile() {
        let junk = AssignmentsCSV.parse([0xFF, 0xFE, 0x00, 0x0A, 0x22, 0x2C, 0x0A])
        #expect(junk.rows.isEmpty && !junk.problems.isEmpty)
        let formula = Self.parse("\(Self.header)\n,=cmd|' /C calc'!A0,,chest,monthly,\n")
        #expect(formula.rows.first?.staffNumber == "=cmd|' /C calc'!A0")
    }
}

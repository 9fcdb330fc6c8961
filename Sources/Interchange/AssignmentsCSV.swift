import Foundation

/// One line of an assignments file, as text: the service checks the values against the records.
public struct AssignmentsCSVRow: Hashable, Sendable {
    /// The physical line it came from.
    public var line: Int
    /// A person id, or empty when the staff number names the person.
    public var person: String
    /// The staff number at the organisation, or empty when the person id is given.
    public var staffNumber: String
    /// An employment id, needed only when the person holds several records at the organisation.
    public var employment: String
    public var position: String
    public var frequency: String
    /// `YYYY-MM-DD`, or empty for today.
    public var starts: String

    /// Creates a row.
    public init(
        line: Int, person: String = "", staffNumber: String = "", employment: String = "", position: String,
        frequency: String, starts: String = ""
    ) {
        self.line = line
        self.person = person
        self.staffNumber = staffNumber
        self.employment = employment
        self.position = position
        self.frequency = frequency
        self.starts = starts
    }
}

/// The assignments file of `sievert dosemeters assign --from FILE`: who wears a dosemeter where and how often.
/// The header is fixed (``header``); each line names its person by id or by staff number (exactly one of the two).
/// Only the file's shape is checked here; the values are checked by the assignment use case, which reports them
/// against the same lines.
public enum AssignmentsCSV {
    /// The exact header row, in order.
    public static let header = ["person", "staff_number", "employment", "position", "frequency", "starts"]
    /// The most lines one file may assign, as the use case accepts.
    public static let maximumRows = 10_000

    /// The rows of a whole file, or its problems (at most `maxErrors`, the rest counted).
    public static func parse(_ bytes: some Collection<UInt8>, maxErrors: Int = 1000) -> (
        rows: [AssignmentsCSVRow], problems: [CSVProblem], moreProblems: Int
    ) {
        var collector = CSVProblemCollector(limit: maxErrors)
        var rows: [AssignmentsCSVRow] = []
        var elements = CSVReader.rows(in: bytes).makeIterator()
        guard let first = elements.next() else {
            collector.report(CSVProblem(line: 1, reason: "the file is empty; it must start with the header row"))
            return ([], collector.problems, collector.truncated)
        }
        switch first {
        case .failure(let error):
            collector.report(CSVHeader.problem(from: error, header: header))
            return ([], collector.problems, collector.truncated)
        case .success(let row) where row.fields != header:
            collector.report(CSVHeader.problem(expected: header, found: row))
            return ([], collector.problems, collector.truncated)
        case .success:
            break
        }
        while let element = elements.next() {
            let row: CSVRow
            switch element {
            case .failure(let error):
                collector.report(CSVHeader.problem(from: error, header: header))
                continue
            case .success(let success):
                row = success
            }
            guard row.fields.count == header.count else {
                collector.report(
                    CSVProblem(
                        line: row.line,
                        reason: "expected \(header.count) fields as in the header, found \(row.fields.count)"))
                continue
            }
            let fields = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields[0].isEmpty == fields[1].isEmpty {
                collector.report(
                    CSVProblem(
                        line: row.line, column: fields[0].isEmpty ? "person" : "staff_number",
                        reason: "give exactly one of person and staff_number"))
                continue
            }
            guard rows.count < maximumRows else {
                collector.report(
                    CSVProblem(line: row.line, reason: "a file may assign at most \(maximumRows) lines; split it"))
                break
            }
            rows.append(
                AssignmentsCSVRow(
                    line: row.line, person: fields[0], staffNumber: fields[1], employment: fields[2],
                    position: fields[3], frequency: fields[4], starts: fields[5]))
        }
        if rows.isEmpty, collector.isEmpty {
            collector.report(CSVProblem(line: 2, reason: "the file has no assignment lines"))
        }
        return (collector.isEmpty ? rows : [], collector.problems, collector.truncated)
    }
}

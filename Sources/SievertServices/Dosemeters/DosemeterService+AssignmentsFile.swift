import DoseCore
import Interchange
import SievertStorage

/// What assigning from a file did: the assignments made, or the problems by line (then nothing was assigned).
public struct AssignmentsFileReport: Sendable {
    public var assigned: [AssignmentView] = []
    public var problems: [CSVProblem] = []
    public var moreProblems = 0
}

extension DosemeterService {
    /// Assigns from an assignments file (`AssignmentsCSV`) at the organisation `code`: all lines or none. People
    /// are named by id or by staff number there; every problem is reported against its line and column.
    public func assign(file bytes: [UInt8], organisation code: String, by caller: Caller) async throws
        -> AssignmentsFileReport
    {
        try people.requireManager(caller)
        let organisation = try await organisations.find(code: code, caller: caller)
        var report = AssignmentsFileReport()
        let parsed = AssignmentsCSV.parse(bytes)
        guard parsed.problems.isEmpty else {
            report.problems = parsed.problems
            report.moreProblems = parsed.moreProblems
            return report
        }
        var numbers: [Int: String] = [:]
        for row in parsed.rows where !row.staffNumber.isEmpty {
            do {
                numbers[row.line] = try Employment.normaliseStaffNumber(row.staffNumber)
            } catch {
                report.problems.append(CSVProblem(line: row.line, column: "staff_number", reason: error.reason))
            }
        }
        let holders = try await people.people(
            withStaffNumbers: Set(numbers.values), organisation: organisation.id, caller: caller)
        var inputs: [NewAssignment] = []
        var lines: [Int] = []
        for row in parsed.rows {
            var person = row.person
            if let number = numbers[row.line] {
                guard let holder = holders[number] else {
                    report.problems.append(
                        CSVProblem(
                            line: row.line, column: "staff_number",
                            reason: "no record at \(organisation.code) has this staff number"))
                    continue
                }
                person = holder.description
            } else if !row.staffNumber.isEmpty {
                continue
            }
            inputs.append(
                NewAssignment(
                    person: person, employment: row.employment.isEmpty ? nil : row.employment,
                    position: row.position, frequency: row.frequency, starts: row.starts.isEmpty ? nil : row.starts))
            lines.append(row.line)
        }
        guard report.problems.isEmpty else { return report }
        do {
            report.assigned = try await assign(inputs, within: organisation.id, by: caller)
        } catch let error as ServiceError where error.code == "invalid" {
            report.problems = error.validationErrors.map { Self.problem($0, lines: lines) }
        }
        return report
    }

    /// A use-case error about `assignments[i].field` (or `field` for a single input) as a problem of the file.
    static func problem(_ error: ValidationError, lines: [Int]) -> CSVProblem {
        let columns = [
            "person": "person", "employment": "employment", "position": "position",
            "frequency": "frequency", "starts": "starts",
        ]
        var field = error.field
        var line = lines.first ?? 2
        if field.hasPrefix("assignments["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 12)..<close]), lines.indices.contains(index)
        {
            line = lines[index]
            field = String(field[field.index(after: close)...].drop(while: { $0 == "." }))
        }
        return CSVProblem(line: line, column: columns[field], reason: error.reason)
    }
}

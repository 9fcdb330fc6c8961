import FuzzSupport
import Interchange

// The assignments file as `sievert dosemeters assign` and the HTTP upload read it (AssignmentsCSV.parse).
//
// Invariants: rows or problems, each naming a line of the file; rows in file order and never from a line that
// has a problem; at most `maxErrors` problems kept.
private let maxErrors = 50

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let parsed = AssignmentsCSV.parse(bytes, maxErrors: maxErrors)
    let lines = physicalLineCount(bytes)
    invariant(parsed.problems.count <= maxErrors, "more problems kept than asked for")
    invariant(parsed.moreProblems >= 0, "negative truncated count")
    for problem in parsed.problems {
        invariant((1...lines + 1).contains(problem.line), "problem on line \(problem.line) of \(lines)")
        if let column = problem.column {
            invariant(AssignmentsCSV.header.contains(column), "problem names unknown column \(column)")
        }
    }
    let problemLines = Set(parsed.problems.map(\.line))
    var previous = 1
    for row in parsed.rows {
        invariant(row.line > previous && row.line <= lines, "row line \(row.line) out of order or range")
        if parsed.moreProblems == 0 {
            invariant(!problemLines.contains(row.line), "line \(row.line) is both a row and a problem")
        }
        previous = row.line
    }
    return 0
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_assignments_csv_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}

import DoseCore
import FuzzSupport
import Interchange

// The people file as `sievert import people` and the HTTP import read it (PeopleCSV.parse).
//
// Invariants: a chunked read gives the same result as a whole one; every problem names a line of the file;
// records come in file order and never from a line that has a problem; at most `maxErrors` problems are kept;
// a valid parse written back with PeopleCSV.write reads again to the same text (write ∘ parse is stable); and
// the rows the RFC 4180 reader underneath returns, written with CSVWriter, read back to the same fields.
private let today: CalendarDate = {
    guard let date = CalendarDate(year: 2026, month: 6, day: 30) else { fatalError("a fixed date is valid") }
    return date
}()
private let maxErrors = 50

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let whole = PeopleCSV.parse(bytes, today: today, maxErrors: maxErrors)
    let streamed = PeopleCSV.parse(
        chunks: chunks(of: bytes, size: chunkSize(for: bytes)), today: today, maxErrors: maxErrors)
    invariant(whole == streamed, "a chunked read differs from a whole one")

    let lines = physicalLineCount(bytes)
    invariant(whole.problems.count <= maxErrors, "more problems kept than asked for")
    invariant(whole.truncatedProblemCount >= 0, "negative truncated count")
    invariant(whole.truncatedProblemCount == 0 || whole.problems.count == maxErrors, "truncated before the limit")
    for problem in whole.problems {
        invariant((1...lines + 1).contains(problem.line), "problem on line \(problem.line) of \(lines)")
        invariant(!problem.reason.isEmpty, "problem without a reason")
        if let column = problem.column {
            invariant(PeopleCSV.header.contains(column), "problem names unknown column \(column)")
        }
    }
    let problemLines = Set(whole.problems.map(\.line))
    var previous = 1
    for record in whole.records {
        invariant(record.line > previous, "records out of order")
        invariant(record.line <= lines, "record beyond the end of the file")
        // Only the kept problems are known; a line past the limit may still carry one.
        if whole.truncatedProblemCount == 0 {
            invariant(!problemLines.contains(record.line), "line \(record.line) is both a record and a problem")
        }
        previous = record.line
    }

    let rows = CSVReader.rows(in: bytes).compactMap { try? $0.get().fields }
    let rewritten = CSVReader.rows(in: CSVWriter.encode(rows)).map { try? $0.get().fields }
    invariant(rewritten == rows.map { Optional($0) }, "rows written by CSVWriter read back differently")

    if whole.isValid {
        let written = PeopleCSV.write(whole.records)
        let again = PeopleCSV.parse(written, today: today, maxErrors: maxErrors)
        invariant(again.isValid, "written records do not read back: \(again.problems.prefix(3))")
        invariant(again.records.count == whole.records.count, "written records read back to a different count")
        invariant(PeopleCSV.write(again.records) == written, "written records read back differently")
    }
    return 0
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_people_csv_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}

import DoseCore
import Foundation
import FuzzSupport
import Interchange

// Lab reading files, Landauer-style and Sievert's own format, as `sievert import readings`, the HTTP upload
// and breach scoping read them (LabReadingsCSV.parse), in the date format the last byte picks.
//
// Invariants: a chunked read gives the same result as a whole one; readings or problems (the result type rules
// out both); every problem names a line of the file and, when it names a column, one of the header's;
// readings in file order with unique (serial, version); at most `maxErrors` problems kept.
private let maxErrors = 50

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    let formats = LabDateFormat.allCases
    let format = formats[Int(bytes.first ?? 0) % formats.count]
    let whole = LabReadingsCSV.parse(bytes, dateFormat: format, maxErrors: maxErrors)
    let streamed = LabReadingsCSV.parse(
        chunks: chunks(of: bytes, size: chunkSize(for: bytes)), dateFormat: format, maxErrors: maxErrors)
    invariant(whole == streamed, "a chunked read differs from a whole one")

    let lines = physicalLineCount(bytes)
    let header = Set(headerNames(bytes))
    switch whole {
    case .invalid(let problems, let truncated):
        invariant(!problems.isEmpty, "invalid without a problem")
        invariant(problems.count <= maxErrors && truncated >= 0, "problem limit not kept")
        invariant(truncated == 0 || problems.count == maxErrors, "truncated before the limit")
        for problem in problems {
            invariant((1...lines + 1).contains(problem.line), "problem on line \(problem.line) of \(lines)")
            invariant(!problem.reason.isEmpty, "problem without a reason")
            if let column = problem.column {
                // A long unknown header is quoted as its first 40 characters and "…" (CellText.excerpt), so a
                // hostile header is not repeated whole in every problem.
                let named =
                    header.contains(normalised(column))
                    || (column.hasSuffix("…")
                        && header.contains { $0.hasPrefix(normalised(String(column.dropLast()))) })
                invariant(named, "problem names column \(column), not in the header")
            }
        }
    case .valid(_, let readings):
        var seen: Set<String> = []
        var previous = 1
        for reading in readings {
            let key = "\(reading.serial)\u{0}\(reading.version)"
            invariant(seen.insert(key).inserted, "serial \(reading.serial) version \(reading.version) twice")
            invariant(reading.line > previous && reading.line <= lines, "reading line \(reading.line) out of order")
            invariant(reading.version >= 1, "version \(reading.version) below 1")
            previous = reading.line
        }
    }
    return 0
}

// The header row's names as the layout matches them (case-insensitive, surrounding spaces ignored).
private func headerNames(_ bytes: [UInt8]) -> [String] {
    guard case .success(let row)? = CSVReader.rows(in: bytes).first else { return [] }
    return row.fields.map(normalised)
}

private func normalised(_ name: String) -> String {
    name.trimmingCharacters(in: .whitespaces).lowercased()
}

// SwiftPM links this as the executable's `main`; libFuzzer's driver takes it from there.
@_cdecl("fuzz_lab_readings_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv) { data, size in
        guard let data else { return 0 }
        return fuzz(data, size)
    }
}

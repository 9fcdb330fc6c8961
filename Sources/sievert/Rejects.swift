import Foundation
import Interchange

/// Writes the rejected lines of an import, as they were, with the reasons, for correction and re-import.
enum Rejects {
    static func write(_ problems: [CSVProblem], from bytes: [UInt8], to path: String) throws {
        let reasons = Dictionary(grouping: problems, by: \.line).mapValues { list in
            list.map { ($0.column.map { "\($0): " } ?? "") + $0.reason }.joined(separator: "; ")
        }
        var writer = CSVWriter()
        var wroteHeader = false
        var written = Set<Int>()
        for element in CSVReader.rows(in: bytes) {
            guard case .success(let row) = element else { continue }
            if !wroteHeader {
                writer.append(row.fields + ["rejection_reason"])
                wroteHeader = true
            } else if let reason = reasons[row.line] {
                writer.append(row.fields + [reason])
                written.insert(row.line)
            }
        }
        // Lines the reader itself could not split into fields are listed by number and reason only.
        for (line, reason) in reasons.sorted(by: { $0.key < $1.key }) where !written.contains(line) {
            writer.append(["line \(line)", reason])
        }
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(writer.bytes), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// Problems of files with a fixed header row, worded the same for every such file.
enum CSVHeader {
    /// The problem of a first row that is not exactly `header`, saying which column first differs.
    static func problem(expected header: [String], found row: CSVRow) -> CSVProblem {
        let expected = header.joined(separator: ",")
        var found = row.fields.map { CSVWriter.escape($0) }.joined(separator: ",")
        if found.count > 300 {
            found = String(found.prefix(300)) + "…"
        }
        var reason = "the header must be exactly \"\(expected)\" but is \"\(found)\""
        if let index = zip(header, row.fields).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            reason += "; column \(index + 1) should be \(header[index])"
        } else if row.fields.count != header.count {
            reason += "; expected \(header.count) columns, found \(row.fields.count)"
        }
        return CSVProblem(line: row.line, reason: reason)
    }

    /// A reader error located by the header's column name where the field has one.
    static func problem(from error: CSVError, header: [String]) -> CSVProblem {
        if header.indices.contains(error.column - 1) {
            return CSVProblem(line: error.line, column: header[error.column - 1], reason: error.reason)
        }
        return CSVProblem(line: error.line, reason: "field \(error.column): \(error.reason)")
    }
}

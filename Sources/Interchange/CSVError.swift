/// A problem in the structure of a CSV file, located by physical line and field.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based physical line where the problem is (a quoted field may span several lines).
    public var line: Int
    /// The 1-based index of the field in its row.
    public var column: Int
    /// What is wrong, in plain English.
    public var reason: String

    /// Creates an error.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 12, field 3: reason`.
    public var description: String { "line \(line), field \(column): \(reason)" }
}

/// One row of a CSV file: its fields, and the physical line it starts on.
public struct CSVRow: Hashable, Sendable {
    /// The 1-based physical line where the row starts.
    public var line: Int
    /// The fields, unquoted and decoded as UTF-8.
    public var fields: [String]

    /// Creates a row.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

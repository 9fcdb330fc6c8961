/// A problem with one line of an imported file, named by line and column so a person can fix it.
public struct CSVProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based physical line.
    public var line: Int
    /// The column's header name, e.g. `ni_number`, or `nil` when the problem is with the whole line.
    public var column: String?
    /// What is wrong, in plain English.
    public var reason: String

    /// Creates a problem.
    public init(line: Int, column: String? = nil, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// Where the problem is: `line 12, column ni_number`, or `line 12` without a column.
    public var location: String {
        "line \(line)" + (column.map { ", column \($0)" } ?? "")
    }

    /// `line 12, column ni_number: reason`, or `line 12: reason` without a column.
    public var description: String { "\(location): \(reason)" }
}

/// The outcome of reading a lab reading file: every reading, or every problem, never a mixture, because
/// a file is validated whole before anything from it is used.
public enum LabReadingsParseResult: Hashable, Sendable {
    /// Every row was valid: the readings in file order (a header-only file gives none).
    case valid(format: LabReadingsFormat, readings: [LabReading])
    /// At least one problem: the problems in file order, up to the limit asked for, and how many more
    /// were found beyond it.
    case invalid(problems: [CSVProblem], truncatedProblemCount: Int)

    /// The readings of a valid file; empty for an invalid one.
    public var readings: [LabReading] {
        if case .valid(_, let readings) = self { return readings }
        return []
    }

    /// The problems of an invalid file; empty for a valid one.
    public var problems: [CSVProblem] {
        if case .invalid(let problems, _) = self { return problems }
        return []
    }

    /// Whether the file had no problems at all, so its readings may be used.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }
}

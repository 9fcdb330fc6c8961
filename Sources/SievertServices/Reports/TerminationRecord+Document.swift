extension TerminationRecord {
    /// The record as printable HTML or JSON.
    public func document(_ format: ReportFormat) throws -> ReportDocument {
        let name = "termination-record-\(employment)"
        switch format {
        case .html: return .html(try ReportTemplates.render(self, with: "termination-record"), fileName: name)
        case .json, .csv: return try .json(self, fileName: name)
        }
    }
}

import DoseCore
import Interchange

extension DoseHistory {
    /// A wearer's dose history as JSON (entries and totals) or CSV (one row per entry).
    public func document(_ format: ReportFormat) throws -> ReportDocument {
        let name = "dose-history-\(person)"
        switch format {
        case .json, .html: return try .json(self, fileName: name)
        case .csv: return .csv(csv, fileName: name)
        }
    }

    /// The CSV header of the history.
    public static let csvHeader = [
        "entry_id", "employment_id", "period_begin", "period_end", "quantity", "operational_quantity", "kind", "msv",
        "below_reporting_level", "supersedes", "counts", "recorded_at",
    ]

    var csv: [UInt8] {
        var writer = CSVWriter()
        writer.append(Self.csvHeader)
        for entry in entries {
            writer.append(
                SpreadsheetSafe.row([
                    entry.id.description, entry.employment.description, entry.periodBegin.iso, entry.periodEnd.iso,
                    entry.quantity.rawValue, entry.operationalQuantity, entry.kind.rawValue, entry.mSv,
                    entry.belowReportingLevel ? "yes" : "no", entry.supersedes?.description ?? "",
                    entry.counts ? "yes" : "no", ISO8601Timestamp.format(entry.recordedAt),
                ]))
        }
        return writer.bytes
    }
}

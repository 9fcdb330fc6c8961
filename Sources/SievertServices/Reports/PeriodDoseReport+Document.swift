import DoseCore
import Interchange

extension PeriodDoseReport {
    /// The report as CSV, printable HTML or JSON.
    public func document(_ format: ReportFormat) throws -> ReportDocument {
        let name = "dose-report-\(organisation.code)-\(period)"
        switch format {
        case .json: return try .json(self, fileName: name)
        case .html: return .html(try ReportTemplates.render(self, with: "period-report"), fileName: name)
        case .csv: return .csv(csv, fileName: name)
        }
    }

    /// The CSV header: identity, then period, quarter-to-date, year-to-date and flags per quantity.
    public static var csvHeader: [String] {
        ["surname", "forenames", "staff_number", "department", "designation"]
            + ReportQuantity.order.flatMap { quantity in
                ["period", "qtd", "ytd"].map { "\(quantity.rawValue)_\($0)_msv" } + ["\(quantity.rawValue)_flags"]
            } + ["person_id", "employment_id"]
    }

    /// One header row and one row per dose record; cells a spreadsheet would run as formulas are neutralised.
    var csv: [UInt8] {
        var writer = CSVWriter()
        writer.append(Self.csvHeader)
        for row in rows {
            var cells = [
                row.surname, row.forenames ?? "", row.staffNumber ?? "", row.department ?? "", row.designation ?? "",
            ]
            for dose in row.doses {
                let flags = [dose.belowReportingLevel ? "M" : nil, dose.notional ? "notional" : nil].compactMap { $0 }
                cells += [dose.periodDose ?? "", dose.quarterToDate, dose.yearToDate, flags.joined(separator: " ")]
            }
            cells += [row.person.description, row.employment.description]
            writer.append(SpreadsheetSafe.row(cells))
        }
        return writer.bytes
    }
}

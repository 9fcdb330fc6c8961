import DoseCore
import Interchange

extension AnnualDoseSummary {
    /// The summary as CSV, printable HTML or JSON.
    public func document(_ format: ReportFormat) throws -> ReportDocument {
        let name = "annual-summary-\(organisation.code)-\(year)"
        switch format {
        case .json: return try .json(self, fileName: name)
        case .html: return .html(try ReportTemplates.render(self, with: "annual-summary"), fileName: name)
        case .csv: return .csv(csv, fileName: name)
        }
    }

    /// The CSV header: identity, then for each quantity each year's dose and the five-year sum.
    public var csvHeader: [String] {
        ["surname", "forenames", "staff_number", "designation"]
            + ReportQuantity.order.flatMap { quantity in
                years.map { "\(quantity.rawValue)_\($0)_msv" } + ["\(quantity.rawValue)_5y_msv"]
            } + ["person_id"]
    }

    /// One header row and one row per person; cells a spreadsheet would run as formulas are neutralised.
    var csv: [UInt8] {
        var writer = CSVWriter()
        writer.append(csvHeader)
        for row in rows {
            var cells = [row.surname, row.forenames ?? "", row.staffNumber ?? "", row.designation ?? ""]
            for line in row.lines { cells += line.perYear + [line.fiveYears] }
            cells.append(row.person.description)
            writer.append(SpreadsheetSafe.row(cells))
        }
        return writer.bytes
    }
}

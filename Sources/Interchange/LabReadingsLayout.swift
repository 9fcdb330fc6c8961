// Where each value sits in one lab reading file, worked out from its header row.
struct LabReadingsLayout {
    let format: LabReadingsFormat
    /// The number of fields the header has, which every row must have too.
    let width: Int
    private let indices: [Int?]
    private let headerNames: [String]

    private init(format: LabReadingsFormat, indices: [Int?], headerNames: [String]) {
        self.format = format
        self.width = headerNames.count
        self.indices = indices
        self.headerNames = headerNames
    }

    /// The field index of `column`, or `nil` when the file does not have it.
    func index(of column: LabReadingsColumn) -> Int? {
        indices[column.rawValue]
    }

    /// The name problems use for `column`: the format's own spelling.
    func name(of column: LabReadingsColumn) -> String {
        let name = format == .sievert ? column.sievertName : column.landauerName
        return name ?? "\(column)"
    }

    /// The name problems use for the field at 0-based `index`: a known column's name, else the file's own
    /// header text, else `nil` when the header has nothing there.
    func name(atField index: Int) -> String? {
        if let column = LabReadingsColumn.allCases.first(where: { indices[$0.rawValue] == index }) {
            return name(of: column)
        }
        guard headerNames.indices.contains(index), !headerNames[index].isEmpty else { return nil }
        return CellText.excerpt(headerNames[index])
    }

    /// The layout the header describes, or the one problem that says why it describes neither format.
    static func detect(header row: CSVRow) -> Result<LabReadingsLayout, CSVProblem> {
        if row.fields == LabReadingsCSV.sievertHeader {
            let indices = LabReadingsColumn.allCases.map { column in
                column.sievertName.flatMap { LabReadingsCSV.sievertHeader.firstIndex(of: $0) }
            }
            return .success(LabReadingsLayout(format: .sievert, indices: indices, headerNames: row.fields))
        }
        let names = row.fields.map(CellText.trimmed)
        let folded = names.map { $0.lowercased() }
        var indices: [Int?] = Array(repeating: nil, count: LabReadingsColumn.allCases.count)
        var duplicates: [String] = []
        var missing: [String] = []
        for column in LabReadingsColumn.allCases {
            guard let name = column.landauerName else { continue }
            let matches = folded.indices.filter { folded[$0] == name.lowercased() }
            if matches.count > 1 {
                duplicates.append("\(name) (columns \(matches.map { String($0 + 1) }.joined(separator: ", ")))")
            }
            indices[column.rawValue] = matches.first
            if matches.isEmpty, column.isRequiredInLandauer {
                missing.append(name)
            }
        }
        let landauerRequired = LabReadingsColumn.allCases.filter(\.isRequiredInLandauer).count
        let sievertFound = LabReadingsCSV.sievertHeader.filter { folded.contains($0) }.count
        let landauerFound = landauerRequired - missing.count
        if missing.isEmpty, duplicates.isEmpty {
            return .success(LabReadingsLayout(format: .landauerStyle, indices: indices, headerNames: names))
        }
        if sievertFound > landauerFound {
            return .failure(sievertHeaderProblem(row))
        }
        if landauerFound == 0 {
            return .failure(
                CSVProblem(
                    line: row.line,
                    reason: "the header is neither a Landauer-style export, which needs the columns "
                        + landauerRequiredList + ", nor Sievert's reading format, whose header is exactly \""
                        + LabReadingsCSV.sievertHeader.joined(separator: ",") + "\"; found \"" + found(row) + "\""))
        }
        var reasons: [String] = []
        if !missing.isEmpty {
            reasons.append("lacks " + missing.joined(separator: ", "))
        }
        if !duplicates.isEmpty {
            reasons.append("has more than one " + duplicates.joined(separator: ", "))
        }
        return .failure(
            CSVProblem(
                line: row.line,
                reason: "the header of a Landauer-style export " + reasons.joined(separator: " and ")
                    + "; it needs the columns " + landauerRequiredList + " (in any order, any case)"))
    }

    private static var landauerRequiredList: String {
        LabReadingsColumn.allCases.filter(\.isRequiredInLandauer).compactMap(\.landauerName).joined(separator: ", ")
    }

    private static func sievertHeaderProblem(_ row: CSVRow) -> CSVProblem {
        let header = LabReadingsCSV.sievertHeader
        var reason = "the header of Sievert's reading format must be exactly \"\(header.joined(separator: ","))\""
        reason += " but is \"\(found(row))\""
        let missing = header.filter { !row.fields.contains($0) }
        if !missing.isEmpty {
            reason += "; it lacks " + missing.joined(separator: ", ")
        } else if let index = zip(header, row.fields).enumerated().first(where: { $0.element.0 != $0.element.1 })?
            .offset
        {
            reason += "; column \(index + 1) should be \(header[index])"
        } else {
            reason += "; expected \(header.count) columns, found \(row.fields.count)"
        }
        return CSVProblem(line: row.line, reason: reason)
    }

    private static func found(_ row: CSVRow) -> String {
        let text = row.fields.map { CSVWriter.escape($0) }.joined(separator: ",")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

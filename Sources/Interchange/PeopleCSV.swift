import DoseCore

/// The people file: one row per person and organisation, used for bulk registration and export.
///
/// The header is fixed (``header``), dates are `YYYY-MM-DD`, `updated_at` is an ISO 8601 timestamp, and
/// every value is checked with the same normalisers the rest of the system uses. A file is validated
/// whole: every bad line is reported, and a line with any problem never becomes a record.
public enum PeopleCSV {
    /// The exact header row, in order.
    public static let header = [
        "record_id", "organisation_code", "staff_number", "forenames", "surname", "date_of_birth", "sex",
        "ni_number", "email", "phone", "address", "postcode", "status", "date_of_death", "updated_at",
    ]

    /// Reads and checks a complete people file. `today` bounds dates of birth and death; at most
    /// `maxErrors` problems are kept, the rest only counted.
    public static func parse(
        _ bytes: some Collection<UInt8>, today: CalendarDate, maxErrors: Int = 1000
    ) -> PeopleCSVParseResult {
        parse(chunks: CollectionOfOne(bytes), today: today, maxErrors: maxErrors)
    }

    /// Reads and checks a people file that arrives in chunks, so a large file need not be in memory
    /// at once.
    public static func parse<Chunks: Sequence>(
        chunks: Chunks, today: CalendarDate, maxErrors: Int = 1000
    ) -> PeopleCSVParseResult where Chunks.Element: Collection<UInt8> {
        var collector = CSVProblemCollector(limit: maxErrors)
        var records: [PeopleCSVRecord] = []
        var firstLineOfRecordID: [String: Int] = [:]
        var rows = CSVReader.rows(inChunks: chunks).makeIterator()

        guard let first = rows.next() else {
            collector.report(CSVProblem(line: 1, reason: "the file is empty; it must start with the header row"))
            return collector.result(records: [])
        }
        switch first {
        case .failure(let error):
            collector.report(problem(from: error))
            return collector.result(records: [])
        case .success(let row) where row.fields != header:
            collector.report(headerProblem(row))
            return collector.result(records: [])
        case .success:
            break
        }

        while let element = rows.next() {
            let row: CSVRow
            switch element {
            case .failure(let error):
                collector.report(problem(from: error))
                continue
            case .success(let success):
                row = success
            }
            guard row.fields.count == header.count else {
                collector.report(
                    CSVProblem(
                        line: row.line,
                        reason: "expected \(header.count) fields as in the header, found \(row.fields.count)"))
                continue
            }
            var decoder = PeopleCSVRowDecoder(row: row, today: today)
            let record = decoder.decode()
            var problems = decoder.problems
            if let recordID = decoder.recordID {
                if let earlier = firstLineOfRecordID[recordID] {
                    problems.append(
                        CSVProblem(
                            line: row.line, column: "record_id",
                            reason: "record_id \(recordID) is already used on line \(earlier)"))
                } else {
                    firstLineOfRecordID[recordID] = row.line
                }
            }
            if problems.isEmpty, let record {
                records.append(record)
            }
            for problem in problems {
                collector.report(problem)
            }
        }
        return collector.result(records: records)
    }

    private static func problem(from error: CSVError) -> CSVProblem {
        CSVHeader.problem(from: error, header: header)
    }

    private static func headerProblem(_ row: CSVRow) -> CSVProblem {
        CSVHeader.problem(expected: header, found: row)
    }
}

// Keeps the first `limit` problems and counts the rest.
extension CSVProblemCollector {
    func result(records: [PeopleCSVRecord]) -> PeopleCSVParseResult {
        PeopleCSVParseResult(records: records, problems: problems, truncatedProblemCount: truncated)
    }
}

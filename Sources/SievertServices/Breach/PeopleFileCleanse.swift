import Foundation
import Interchange
import Linkage

/// `sievert breach cleanse`: reads any people CSV (the foundation format) leniently — breach data is dirty by
/// nature, so values the importer would reject (placeholder NINOs, impossible dates, "TEST" names) are kept
/// as found for the linkage to judge — and writes one row per input record:
/// `record_id,person_id,disposition,contact_record_id`.
public enum PeopleFileCleanse {
    /// Why the file could not be read at all (wrong header, broken CSV); lines are named.
    public struct Failure: Error, CustomStringConvertible {
        public var problems: [CSVProblem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// The output header.
    public static let header = ["record_id", "person_id", "disposition", "contact_record_id"]

    /// Reads the records of a people file without validating their values.
    public static func records(_ bytes: some Collection<UInt8>) throws(Failure) -> [LinkageRecord] {
        var problems: [CSVProblem] = []
        var records: [LinkageRecord] = []
        var seen: [String: Int] = [:]
        var rows = CSVReader.rows(inChunks: CollectionOfOne(bytes)).makeIterator()
        guard case .success(let header)? = rows.next(), header.fields == PeopleCSV.header else {
            throw Failure(problems: [
                CSVProblem(
                    line: 1, reason: "the header must be exactly: \(PeopleCSV.header.joined(separator: ","))")
            ])
        }
        while let element = rows.next() {
            switch element {
            case .failure(let error):
                problems.append(CSVProblem(line: error.line, reason: error.reason))
            case .success(let row) where row.fields.count != PeopleCSV.header.count:
                problems.append(
                    CSVProblem(
                        line: row.line, reason: "expected \(PeopleCSV.header.count) fields, found \(row.fields.count)"))
            case .success(let row):
                let field = { (index: Int) -> String? in trimmed(row.fields[index]) }
                guard let recordID = field(0) else {
                    problems.append(CSVProblem(line: row.line, column: "record_id", reason: "is required"))
                    continue
                }
                if let earlier = seen[recordID] {
                    problems.append(
                        CSVProblem(
                            line: row.line, column: "record_id", reason: "repeats the record id of line \(earlier)"))
                    continue
                }
                seen[recordID] = row.line
                records.append(
                    LinkageRecord(
                        recordID: recordID, organisation: field(1) ?? "", staffNumber: field(2), forenames: field(3),
                        surname: field(4), dateOfBirth: field(5).flatMap(LinkageDate.init(iso:)), sex: field(6),
                        nino: field(7), email: field(8), phone: field(9), address: field(10), postcode: field(11),
                        status: field(12), dateOfDeath: field(13).flatMap(LinkageDate.init(iso:)), updatedAt: field(14))
                )
            }
        }
        guard problems.isEmpty else { throw Failure(problems: problems) }
        return records
    }

    /// A cell without the blanks around it (tabs and Unicode space separators, the set Foundation calls
    /// `.whitespaces`), or `nil` when nothing is left. Written out because Foundation's trimming bridges every
    /// cell through NSString, which was a sixth of a whole cleanse's time on a 10,000-row file; a cell with
    /// nothing to trim is returned as it is.
    static func trimmed(_ cell: String) -> String? {
        let scalars = cell.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return nil }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return cell }
        return String(scalars[first...last])
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// The whole use case: read the file, cleanse and cluster its records, and return the clusters file with
    /// the summary. `progress` receives the stage, the work done and the work in that stage.
    public static func run(
        _ bytes: some Collection<UInt8>, matchProbability: Double = 0.95,
        progress: (CleanseStage, Int, Int) -> Void = { _, _, _ in }
    ) throws(Failure) -> (clusters: [UInt8], summary: CleanseSummary) {
        let input = try records(bytes)
        var options = CleanseOptions()
        options.matchProbability = matchProbability
        let result = Cleanse.run(input, options: options, progress: progress)
        return (write(result), result.summary)
    }

    /// The clusters file for a cleanse result, in input order.
    public static func write(_ result: CleanseResult) -> [UInt8] {
        var writer = CSVWriter()
        writer.append(header)
        for outcome in result.outcomes {
            writer.append([
                outcome.recordID, outcome.personID, outcome.disposition.rawValue, outcome.contactRecordID ?? "",
            ])
        }
        return writer.bytes
    }
}

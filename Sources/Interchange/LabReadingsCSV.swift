/// Lab reading files: the results a lab returns for the dosemeters it read.
///
/// Two formats are read, told apart by the header row:
///
/// **A Landauer-style export.** Columns are found by header name, case-insensitively and ignoring
/// surrounding spaces; other columns (quarter, year-to-date and lifetime totals, radiation quality…) are
/// ignored. Required: `Participant Number`, `Dosimeter`, `Use`, `Period Begin Date`, `Period End Date`,
/// `Current DDE`, `Current LDE`, `Current SDE`, `Serial Number`, `Version`, `NoteCode`. Optional:
/// `Current Neutron`, `Participant Name`, `DOB`, `Account Number`. `Use` is one of `CHEST`, `COLLAR`,
/// `WAIST`, `RFINGER`, `LFINGER`, `RWRIST`, `LWRIST`, `LENS` or `EYE` (both the eye), or `CONTROL`.
/// Dates are read in the ``LabDateFormat`` the caller states for the file. `Participant Name` and `DOB`
/// come back in ``LabReading/identity`` to be checked, never stored.
///
/// **Sievert's own reading format**, for labs that write to us directly. The header is exactly
///
///     serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version
///
/// - `serial`: the dosemeter's serial, 1–64 printable ASCII characters.
/// - `participant_code`: the wearer's code as on the issue list; blank for a control.
/// - `kind`: a ``DoseCore/DosemeterKind`` raw value (`whole-body`, `extremity`, `eye`, `control`), which
///   must be the kind worn at `position`.
/// - `position`: a ``DoseCore/BodyPosition`` raw value (`chest`, `collar`, `waist`, `left-finger`,
///   `right-finger`, `left-wrist`, `right-wrist`, `eye`, or `none` for a control).
/// - `period_begin`, `period_end`: the wear period, `YYYY-MM-DD`, whatever date format the caller states.
/// - `hp10`, `hp007`, `hp3`: Hp(10), Hp(0.07) and Hp(3) in mSv with at most three decimal places, `M` for
///   below the minimum reporting level, or blank for not reported. There is no neutron column.
/// - `note`: free text, read as a Landauer note is (`Unused`, `damaged`, `lost`…; see
///   ``LabReadingStatus``).
/// - `version`: 1 for a first result, higher for a reissue.
///
/// In both formats a dose cell is a ``LabDoseCell``; a ring or wrist dosemeter may report only Hp(0.07)
/// and an eye dosemeter only Hp(3). A (serial, version) pair may appear once per file; a higher version of
/// a serial in the same file is a reissue and supersedes the lower. Rows whose every cell is blank are
/// skipped. A file is validated whole: the result is every reading or every problem, each problem named
/// by line and column.
public enum LabReadingsCSV {
    /// The exact header row of Sievert's own reading format.
    public static let sievertHeader = [
        "serial", "participant_code", "kind", "position", "period_begin", "period_end", "hp10", "hp007", "hp3",
        "note", "version",
    ]

    /// Reads and checks a complete lab reading file. `dateFormat` is how a Landauer-style export writes its
    /// dates (Sievert's own format is always ISO); at most `maxErrors` problems are kept, the rest counted.
    public static func parse(
        _ bytes: some Collection<UInt8>, dateFormat: LabDateFormat, maxErrors: Int = 1000
    ) -> LabReadingsParseResult {
        parse(chunks: CollectionOfOne(bytes), dateFormat: dateFormat, maxErrors: maxErrors)
    }

    /// Reads and checks a lab reading file that arrives in chunks, so a large file need not be in memory
    /// at once (its readings still are).
    public static func parse<Chunks: Sequence>(
        chunks: Chunks, dateFormat: LabDateFormat, maxErrors: Int = 1000
    ) -> LabReadingsParseResult where Chunks.Element: Collection<UInt8> {
        var problems = CSVProblemCollector(limit: maxErrors)
        var rows = CSVReader.rows(inChunks: chunks).makeIterator()

        guard let first = rows.next() else {
            problems.report(CSVProblem(line: 1, reason: "the file is empty; it must start with a header row"))
            return problems.result
        }
        let layout: LabReadingsLayout
        switch first.mapError({ CSVProblem(line: $0.line, reason: "field \($0.column): \($0.reason)") }) {
        case .failure(let problem):
            problems.report(problem)
            return problems.result
        case .success(let header):
            switch LabReadingsLayout.detect(header: header) {
            case .failure(let problem):
                problems.report(problem)
                return problems.result
            case .success(let detected):
                layout = detected
            }
        }

        var readings: [LabReading] = []
        var lineOfSerialVersion: [SerialVersion: Int] = [:]
        while let element = rows.next() {
            let row: CSVRow
            switch element {
            case .failure(let error):
                problems.report(problem(from: error, layout: layout))
                continue
            case .success(let success):
                row = success
            }
            var decoder = LabReadingsRowDecoder(row: row, layout: layout, dateFormat: dateFormat)
            guard !decoder.isBlank else { continue }
            guard row.fields.count == layout.width else {
                problems.report(
                    CSVProblem(
                        line: row.line,
                        reason: "expected \(layout.width) fields as in the header, found \(row.fields.count)"))
                continue
            }
            let reading = decoder.decode()
            for problem in decoder.problems {
                problems.report(problem)
            }
            if let serial = decoder.serial, let version = decoder.version {
                let key = SerialVersion(serial: serial, version: version)
                if let earlier = lineOfSerialVersion[key] {
                    problems.report(
                        CSVProblem(
                            line: row.line, column: layout.name(of: .version),
                            reason: "serial \(serial) version \(version) is already on line \(earlier); "
                                + "a reissued result must have a higher version"))
                } else {
                    lineOfSerialVersion[key] = row.line
                }
            }
            // Once the file is known to be invalid its readings will never be returned, so stop keeping them.
            if problems.isEmpty, let reading {
                readings.append(reading)
            } else if !readings.isEmpty {
                readings = []
            }
        }
        return problems.isEmpty ? .valid(format: layout.format, readings: readings) : problems.result
    }

    private static func problem(from error: CSVError, layout: LabReadingsLayout) -> CSVProblem {
        if let name = layout.name(atField: error.column - 1) {
            return CSVProblem(line: error.line, column: name, reason: error.reason)
        }
        return CSVProblem(line: error.line, reason: "field \(error.column): \(error.reason)")
    }
}

private struct SerialVersion: Hashable {
    var serial: String
    var version: Int
}

// Keeps the first `limit` problems and counts the rest.
extension CSVProblemCollector {
    var result: LabReadingsParseResult {
        .invalid(problems: problems, truncatedProblemCount: truncated)
    }
}

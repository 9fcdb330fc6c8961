import DoseCore

/// The issue list the service sends to a lab: one row per dosemeter dispatched, so the lab can return a
/// reading for each serial. It carries serials, participant codes and wear periods, never names, dates of
/// birth or NINOs: the file has no column that could hold them.
///
/// The header is exactly `serial,participant_code,kind,position,period_begin,period_end`; `kind` and
/// `position` are ``DoseCore/DosemeterKind`` and ``DoseCore/BodyPosition`` raw values, dates are
/// `YYYY-MM-DD`, and a control row has an empty participant code.
public enum LabIssueListCSV {
    /// The exact header row, in order.
    public static let header = ["serial", "participant_code", "kind", "position", "period_begin", "period_end"]

    /// The cells of `row` in header order.
    public static func row(for row: LabIssueListRow) -> [String] {
        [
            row.serial,
            row.participantCode ?? "",
            row.kind.rawValue,
            row.position.rawValue,
            row.period.begin.iso,
            row.period.end.iso,
        ]
    }

    /// A complete issue list: the header, then one CRLF-terminated row per dosemeter.
    public static func write(_ rows: some Sequence<LabIssueListRow>) -> [UInt8] {
        var writer = CSVWriter()
        writer.append(header)
        for issue in rows {
            writer.append(row(for: issue))
        }
        return writer.bytes
    }
}

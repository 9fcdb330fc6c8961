import DoseCore
import Interchange
import Testing

@Suite("Lab issue list")
struct LabIssueListCSVTests {
    typealias Fixtures = LabReadingsFixtures

    @Test("the issue list has the fixed header and one row per dosemeter, controls without a participant")
    func write() {
        // setup
        let rows = [
            LabIssueListRow(serial: "PA0000001", participantCode: nil, position: .none, period: Fixtures.january2026),
            LabIssueListRow(
                serial: "PA0000002", participantCode: "P7K2M9", position: .chest, period: Fixtures.january2026),
            LabIssueListRow(
                serial: "SR0000002", participantCode: "P7K2M9", position: .rightFinger, period: Fixtures.january2026),
            LabIssueListRow(
                serial: "SE0000003", participantCode: "A,\"B\"", position: .eye,
                period: Fixtures.period("2026-01-01", "2026-03-31")),
        ]
        // MUT
        let bytes = LabIssueListCSV.write(rows)
        // validate
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "serial,participant_code,kind,position,period_begin,period_end\r\n"
                + "PA0000001,,control,none,2026-01-01,2026-01-31\r\n"
                + "PA0000002,P7K2M9,whole-body,chest,2026-01-01,2026-01-31\r\n"
                + "SR0000002,P7K2M9,extremity,right-finger,2026-01-01,2026-01-31\r\n"
                + "SE0000003,\"A,\"\"B\"\"\",eye,eye,2026-01-01,2026-03-31\r\n")
    }

    @Test("a control's participant code is dropped, since nobody wears it")
    func controlHasNoParticipant() {
        let row = LabIssueListRow(
            serial: "PA0000001", participantCode: "P7K2M9", position: .none, period: Fixtures.january2026)
        #expect(row.participantCode == nil)
        #expect(row.kind == .control)
        #expect(LabIssueListCSV.row(for: row)[1] == "")
    }

    @Test("the issue list has no identity columns, and an empty list is just the header")
    func noIdentity() {
        #expect(
            LabIssueListCSV.header == ["serial", "participant_code", "kind", "position", "period_begin", "period_end"])
        for forbidden in ["name", "dob", "birth", "nino", "ni_number", "surname", "forenames"] {
            #expect(!LabIssueListCSV.header.contains { $0.contains(forbidden) })
        }
        let empty = LabIssueListCSV.write([])
        #expect(CSVReader.rows(in: empty).compactMap { try? $0.get().fields } == [LabIssueListCSV.header])
    }
}

import DoseCore
import Foundation
import Interchange
import SievertServices
import SievertTestSupport
import Testing

/// One wearer reading against a control, with or without the organisation's minimum reporting level.
struct ReportingLevelCase: Sendable, CustomStringConvertible {
    /// The organisation's level in mSv; nil when none is set.
    var level: String?
    var control: String
    var reading: String
    /// The effective-dose entry expected: its mSv and whether it is marked below the reporting level.
    var mSv: String
    var below: Bool

    var description: String { "level \(level ?? "none"), control \(control), reading \(reading)" }
}

@Suite("Lab readings: the organisation's minimum reporting level")
struct ReadingsReportingLevelTests {
    static let console = Caller.console(requestID: "reporting-level-test")

    static let cases: [ReportingLevelCase] = [
        // No level: the net dose as it is, however small.
        ReportingLevelCase(level: nil, control: "0.02", reading: "0.05", mSv: "0.03", below: false),
        ReportingLevelCase(level: nil, control: "", reading: "0.001", mSv: "0.001", below: false),
        // Below the level: zero, marked below it.
        ReportingLevelCase(level: "0.1", control: "", reading: "0.05", mSv: "0.00", below: true),
        ReportingLevelCase(level: "0.1", control: "", reading: "0.099", mSv: "0.00", below: true),
        // At the level: reported.
        ReportingLevelCase(level: "0.1", control: "", reading: "0.10", mSv: "0.10", below: false),
        // The level applies to the net dose, not the gross reading.
        ReportingLevelCase(level: "0.1", control: "0.05", reading: "0.14", mSv: "0.00", below: true),
        ReportingLevelCase(level: "0.1", control: "0.05", reading: "0.15", mSv: "0.10", below: false),
        ReportingLevelCase(level: "0.1", control: "0.05", reading: "1.25", mSv: "1.20", below: false),
        // A reading under its control nets to zero, which is below any level.
        ReportingLevelCase(level: "0.1", control: "0.05", reading: "0.03", mSv: "0.00", below: true),
        // An OSL-style level of 0.01 mSv.
        ReportingLevelCase(level: "0.01", control: "", reading: "0.009", mSv: "0.00", below: true),
        ReportingLevelCase(level: "0.01", control: "", reading: "0.011", mSv: "0.011", below: false),
        // The lab's own `M` stays below the level whatever the organisation's level.
        ReportingLevelCase(level: nil, control: "", reading: "M", mSv: "0.00", below: true),
        ReportingLevelCase(level: "0.1", control: "0.05", reading: "M", mSv: "0.00", below: true),
    ]

    @Test("a net dose below the organisation's level is a zero below the reporting level", arguments: cases)
    func level(_ example: ReportingLevelCase) async throws {
        for kind in StoreKind.available {
            try await withTestRuntime(kind) { test in
                let sievert = test.sievert
                _ = try await sievert.organisations.register(
                    NewOrganisation(code: "EX001", name: "Example Trust", kind: "nhs-trust"), by: Self.console)
                if let level = example.level {
                    _ = try await sievert.dosemeters.updateSettings(
                        DosimetrySettings(minimumReportingLevelMSv: level), organisation: "EX001", by: Self.console)
                }
                var input = NewPerson(surname: "Level")
                input.staffNumber = "L1"
                let person = try await sievert.people.register(input, in: "EX001", by: Self.console)
                _ = try await sievert.participants.codes(for: person.id, adopting: "LVL001", by: Self.console)
                var file =
                    "serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version\r\n"
                if !example.control.isEmpty {
                    file += "C-1,,control,none,2026-03-01,2026-03-31,\(example.control),,,,1\r\n"
                }
                file += "B-1,LVL001,whole-body,chest,2026-03-01,2026-03-31,\(example.reading),,,,1\r\n"

                let report = try await sievert.readingsImport.run(
                    Array(file.utf8), organisationCode: "EX001", dateFormat: .iso, by: Self.console)
                #expect(report.committed, "\(kind): \(report.problems)")
                let history = try await sievert.doses.history(
                    of: person.id, asOf: try CalendarDate(iso: "2026-03-31"), by: Self.console)
                let entry = try #require(history.entries.first { $0.quantity == .effective }, "\(kind)")
                #expect(entry.mSv == example.mSv, "\(kind)")
                #expect(entry.belowReportingLevel == example.below, "\(kind)")
                #expect(entry.kind == .measured, "\(kind)")
            }
        }
    }
}

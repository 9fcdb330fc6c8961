import DoseCore
import Foundation
import Interchange

// Builds lab reading files in code, and reads the synthetic Landauer-style sample from Tests/Fixtures.
enum LabReadingsFixtures {
    /// The sample export's header, as the lab writes it.
    static let landauerHeader = [
        "Account Number", "Account Name", "Series Code", "AWO", "Scan Date", "Import Date", "Participant Number",
        "UniqueID", "ID Number", "Participant Name", "DOB", "Dosimeter", "Use", "Rad Quality", "Period Begin Date",
        "Period End Date", "Current DDE", "Current LDE", "Current SDE", "Current Neutron", "Quarter DDE",
        "Quarter LDE", "Quarter SDE", "YTD DDE", "YTD LDE", "YTD SDE", "Life DDE", "Life LDE", "Life SDE",
        "Inception Date", "Serial Number", "Version", "NoteCode",
    ]

    /// A measured chest badge, with invented identity cells.
    static let validCells: [String: String] = [
        "Account Number": "EX001", "Account Name": "Example Trust", "Participant Number": "P7K2M9",
        "Participant Name": "Example, Alice", "DOB": "1980-02-29", "Dosimeter": "PA", "Use": "CHEST",
        "Rad Quality": "P", "Period Begin Date": "2026-01-01", "Period End Date": "2026-01-31",
        "Current DDE": "0.28", "Current LDE": "0.28", "Current SDE": "0.31", "Serial Number": "PA0000002",
        "Version": "1", "NoteCode": "",
    ]

    static func landauerRow(_ overrides: [String: String] = [:], header: [String] = landauerHeader) -> [String] {
        header.map { overrides[$0] ?? validCells[$0] ?? "" }
    }

    static func landauerFile(_ rows: [[String]], header: [String] = landauerHeader) -> [UInt8] {
        CSVWriter.encode([header] + rows)
    }

    static func parseLandauer(
        _ rows: [[String]], dateFormat: LabDateFormat = .iso, maxErrors: Int = 1000
    ) -> LabReadingsParseResult {
        LabReadingsCSV.parse(landauerFile(rows), dateFormat: dateFormat, maxErrors: maxErrors)
    }

    /// The cells of `reading` in Sievert's own format.
    static func sievertRow(_ reading: LabReading) -> [String] {
        [
            reading.serial, reading.participantCode ?? "", reading.kind.rawValue, reading.position.rawValue,
            reading.period.begin.iso, reading.period.end.iso, reading.cells.hp10.text, reading.cells.hp007.text,
            reading.cells.hp3.text, reading.note ?? "", String(reading.version),
        ]
    }

    /// A file in Sievert's own format: the header, then one row per reading.
    static func sievertFile(_ readings: [LabReading]) -> [UInt8] {
        CSVWriter.encode([LabReadingsCSV.sievertHeader] + readings.map(sievertRow))
    }

    static func sievertFile(rows: [[String]]) -> [UInt8] {
        CSVWriter.encode([LabReadingsCSV.sievertHeader] + rows)
    }

    /// A valid row of Sievert's own format, with any cells overridden by column name.
    static func sievertRow(_ overrides: [String: String] = [:]) -> [String] {
        let valid = [
            "serial": "PA0000002", "participant_code": "P7K2M9", "kind": "whole-body", "position": "chest",
            "period_begin": "2026-01-01", "period_end": "2026-01-31", "hp10": "0.28", "hp007": "0.31",
            "hp3": "0.28", "note": "", "version": "1",
        ]
        return LabReadingsCSV.sievertHeader.map { overrides[$0] ?? valid[$0] ?? "" }
    }

    /// The synthetic Landauer-style sample, read through a path relative to this file.
    static func sampleBytes() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lab-export-landauer-style.csv")
        return [UInt8](try Data(contentsOf: url))
    }

    static let january2026 = period("2026-01-01", "2026-01-31")

    static func period(_ begin: String, _ end: String) -> DosePeriod {
        guard
            let period = try? DosePeriod(
                begin: CalendarDate(uncheckedTest: begin), end: CalendarDate(uncheckedTest: end))
        else { fatalError("bad test period \(begin)/\(end)") }
        return period
    }

    static func mSv(_ text: String) -> LabDoseCell {
        guard let dose = try? Dose(mSv: text) else { fatalError("bad test dose \(text)") }
        return .dose(dose)
    }
}

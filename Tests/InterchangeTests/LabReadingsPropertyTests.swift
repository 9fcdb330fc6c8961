import DoseCore
import Interchange
import SeededRandom
import Testing

@Suite("Lab readings properties")
struct LabReadingsPropertyTests {
    typealias Fixtures = LabReadingsFixtures

    // Awkward but valid pieces, so generated files exercise quoting, embedded line breaks and every status.
    static let codePieces = ["P7K2M9", "A,B", "Q\"1", "x y", "-01", "=SUM(A1)"]
    static let notes: [LabReadingStatus: [String?]] = [
        .measured: [nil, "Reissued after reader recalibration", "Checked, \"OK\"", "Read twice\nsame result"],
        .unused: ["Unused", "unused - returned sealed"],
        .damaged: ["Dosimeter received damaged. No evaluation possible.", "Damaged\r\nin transit"],
        .lost: ["Lost", "Not returned by wearer"],
        .notReported: [nil],
    ]

    static func pick<T>(_ values: [T], _ random: inout SplitMix64) -> T {
        values[Int.random(in: 0..<values.count, using: &random)]
    }

    static func dose(_ random: inout SplitMix64) -> LabDoseCell {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: .belowReportingLevel
        case 1: .dose(Dose(microsieverts: Int64.random(in: 0...Dose.maximumReading.microsieverts, using: &random)))
        default: .dose(Dose(microsieverts: Int64.random(in: 0...5_000, using: &random)))
        }
    }

    // Cells a dosemeter at `position` may report, with at least one filled in.
    static func measuredCells(_ position: BodyPosition, neutron: Bool, _ random: inout SplitMix64) -> LabDoseCells {
        func maybe(_ random: inout SplitMix64) -> LabDoseCell { Bool.random(using: &random) ? dose(&random) : .blank }
        switch position.kind {
        case .extremity:
            return LabDoseCells(hp007: dose(&random))
        case .eye:
            return LabDoseCells(hp3: dose(&random))
        case .wholeBody, .control:
            var cells = LabDoseCells(
                hp10: maybe(&random), hp007: maybe(&random), hp3: maybe(&random),
                neutron: neutron ? maybe(&random) : .blank)
            if cells.allBlank {
                cells.hp10 = dose(&random)
            }
            return cells
        }
    }

    static func reading(
        line: Int, serial: String, version: Int, landauer: Bool, _ random: inout SplitMix64
    ) throws -> LabReading {
        let position = pick(BodyPosition.allCases, &random)
        let status = pick(LabReadingStatus.allCases, &random)
        let begin = try #require(CalendarDate(daysSince1970: Int.random(in: 10_000...22_000, using: &random)))
        let end = try #require(begin.adding(days: Int.random(in: 0...92, using: &random)))
        var identity: LabReadingIdentity?
        if landauer, position != .none, Bool.random(using: &random) {
            identity = LabReadingIdentity(
                name: pick(["Example, Alice", "Ó Bríain, Siân", "李"], &random),
                dateOfBirth: Bool.random(using: &random)
                    ? CalendarDate(daysSince1970: Int.random(in: -20_000...10_000, using: &random)) : nil)
        }
        return LabReading(
            line: line, serial: serial,
            participantCode: position == .none ? nil : pick(codePieces, &random) + String(line),
            dosemeterType: landauer ? pick(["PA", "RA", "EA", "S"], &random) : nil, position: position,
            period: try DosePeriod(begin: begin, end: end), version: version, status: status,
            cells: status == .measured ? measuredCells(position, neutron: landauer, &random) : LabDoseCells(),
            note: pick(notes[status] ?? [nil], &random),
            account: landauer && Bool.random(using: &random) ? "EX001" : nil, identity: identity)
    }

    // Readings for one file, with unique (serial, version) pairs and some reissues of earlier serials.
    static func readings(landauer: Bool, _ random: inout SplitMix64) throws -> [LabReading] {
        var readings: [LabReading] = []
        var line = 2
        for index in 0..<Int.random(in: 0...25, using: &random) {
            var serial = pick(["PA", "S,R", "E \"Q\" "], &random) + String(index)
            var version = Int.random(in: 1...3, using: &random)
            if let earlier = readings.last, Int.random(in: 0..<4, using: &random) == 0 {
                serial = earlier.serial
                version = earlier.version + 1
            }
            let reading = try Self.reading(line: line, serial: serial, version: version, landauer: landauer, &random)
            readings.append(reading)
            // A quoted line break in a note moves later rows down.
            line += 1 + (reading.note ?? "").filter(\.isNewline).count
        }
        return readings
    }

    @Test("600 random files written in Sievert's format parse back to exactly the same readings")
    func sievertRoundTrip() throws {
        var random = SplitMix64(seed: 2026)
        for round in 0..<600 {
            let readings = try Self.readings(landauer: false, &random)
            let format = Self.pick(LabDateFormat.allCases, &random)
            let result = LabReadingsCSV.parse(Fixtures.sievertFile(readings), dateFormat: format)
            #expect(result.problems == [], "round \(round)")
            #expect(result == .valid(format: .sievert, readings: readings), "round \(round)")
        }
    }

    static func landauerDate(_ date: CalendarDate, _ format: LabDateFormat, padded: Bool) -> String {
        func two(_ value: Int) -> String { padded && value < 10 ? "0\(value)" : String(value) }
        return switch format {
        case .iso: date.iso
        case .dayMonthYear: "\(two(date.day))/\(two(date.month))/\(date.year)"
        case .monthDayYear: "\(two(date.month))/\(two(date.day))/\(date.year)"
        }
    }

    static let landauerUse: [BodyPosition: String] = [
        .chest: "CHEST", .collar: "collar", .waist: "Waist", .leftFinger: "LFINGER", .rightFinger: "RFINGER",
        .leftWrist: "LWRIST", .rightWrist: "RWRIST", .eye: "LENS", .none: "CONTROL",
    ]

    static func landauerRow(
        _ reading: LabReading, header: [String], format: LabDateFormat, _ random: inout SplitMix64
    ) -> [String] {
        let padded = Bool.random(using: &random)
        let cells: [String: String] = [
            "Serial Number": reading.serial, "Participant Number": reading.participantCode ?? "",
            "Dosimeter": reading.dosemeterType ?? "", "Use": landauerUse[reading.position] ?? "",
            "Period Begin Date": landauerDate(reading.period.begin, format, padded: padded),
            "Period End Date": landauerDate(reading.period.end, format, padded: padded),
            "Current DDE": reading.cells.hp10.text, "Current SDE": reading.cells.hp007.text,
            "Current LDE": reading.cells.hp3.text, "Current Neutron": reading.cells.neutron.text,
            "Version": String(reading.version), "NoteCode": reading.note ?? "",
            "Participant Name": reading.isControl ? "CONTROL" : reading.identity?.name ?? "",
            "DOB": reading.identity?.dateOfBirth.map { landauerDate($0, format, padded: padded) } ?? "",
            "Account Number": reading.account ?? "", "Rad Quality": "P",
        ]
        return header.map { cells[$0] ?? "" }
    }

    @Test("300 random Landauer-style files, columns shuffled, in every date format, parse back the same")
    func landauerRoundTrip() throws {
        var random = SplitMix64(seed: 2016)
        for round in 0..<300 {
            let readings = try Self.readings(landauer: true, &random)
            let format = Self.pick(LabDateFormat.allCases, &random)
            let header = Fixtures.landauerHeader.shuffled(using: &random)
            let rows = readings.map { Self.landauerRow($0, header: header, format: format, &random) }
            let result = LabReadingsCSV.parse(Fixtures.landauerFile(rows, header: header), dateFormat: format)
            #expect(result.problems == [], "round \(round)")
            #expect(result == .valid(format: .landauerStyle, readings: readings), "round \(round)")
        }
    }
}

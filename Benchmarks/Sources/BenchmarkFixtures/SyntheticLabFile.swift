import Linkage

/// A Landauer-style lab reading file for benchmarks: a year of monthly readings for one organisation's
/// wearers, identified by participant code only (no name or date-of-birth columns).
///
/// Per 12 wearers and period: 12 chest badges (`PA`), 3 rings (`RA`, right or left finger) and 1 eye dosemeter
/// (`EA`); one control per dosemeter type and period. Statuses are a plausible mix: most readings measured (a
/// dose in at least one cell), about a fifth `M` in every cell, about one in twenty returned unused, one in 500
/// damaged and one in 1,000 lost; one reading in 200 is reissued as version 2 at the end of the file. The same
/// seed always gives the same file.
public struct SyntheticLabFile: Sendable {
    /// The file: header and CRLF rows.
    public let bytes: [UInt8]
    /// The wearers' participant codes, one per wearer; wearer `i` wears the dosemeters with code `i`.
    public let participantCodes: [String]
    /// Data rows (readings), controls and reissues included.
    public let readings: Int
    public let controls: Int
    public let reissues: Int
    /// The entries the import adds to the dose of record: one per reported quantity of a measured reading, one
    /// per quantity of its kind for a damaged or lost one, none for unused ones and controls.
    public let doseEntries: Int
    /// The entries the reissues supersede.
    public let superseded: Int

    /// The organisation's lab account, written in every row's `Account Number`.
    public static let account = "BENCHLAB"
    /// The header: the columns the importer requires, plus the account.
    public static let header = [
        "Account Number", "Participant Number", "Dosimeter", "Use", "Period Begin Date", "Period End Date",
        "Current DDE", "Current LDE", "Current SDE", "Serial Number", "Version", "NoteCode",
    ]
    /// Wear periods: the months of this year.
    public static let year = 2025

    /// Wearers needed for `readings` rows.
    public static func wearers(forReadings readings: Int) -> Int {
        let (main, _, _) = split(max(readings, 100))
        // 16 rows per 12 wearers and period, 12 periods.
        return max(1, (main * 12 + 16 * 12 - 1) / (16 * 12))
    }

    /// A file of exactly `readings` rows (at least 100).
    public static func make(readings: Int, seed: UInt64 = 2026) -> SyntheticLabFile {
        var generator = Generator(seed: seed, wearers: wearers(forReadings: readings))
        let (main, controls, reissues) = split(max(readings, 100))
        generator.write(main: main, reissues: reissues)
        precondition(generator.rows == main + controls + reissues, "generated \(generator.rows) rows")
        return SyntheticLabFile(
            bytes: generator.text, participantCodes: generator.codes, readings: generator.rows,
            controls: generator.controls, reissues: generator.reissues, doseEntries: generator.doseEntries,
            superseded: generator.superseded)
    }

    /// Wearer rows, control rows (three types × twelve periods) and version-2 rows for `readings` in all.
    private static func split(_ readings: Int) -> (main: Int, controls: Int, reissues: Int) {
        let controls = 3 * 12
        let reissues = readings / 200
        return (readings - controls - reissues, controls, reissues)
    }
}

private struct Generator {
    var random: SplitMix64
    let codes: [String]
    var text: [UInt8] = []
    var rows = 0
    var controls = 0
    var reissues = 0
    var doseEntries = 0
    var superseded = 0
    private var serial = 0
    /// Chest readings measured with a dose, to reissue: (code, period, serial, entries made).
    private var reissuable: [(code: String, month: Int, serial: String, entries: Int)] = []

    init(seed: UInt64, wearers: Int) {
        random = SplitMix64(seed: seed)
        // Eight Crockford base32 characters (40 bits), like the codes Sievert assigns; unique within the file.
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
        var seen = Set<String>()
        var codes: [String] = []
        codes.reserveCapacity(wearers)
        while codes.count < wearers {
            var value = random.next()
            var characters: [UInt8] = []
            for _ in 0..<8 {
                characters.append(alphabet[Int(value & 31)])
                value >>= 5
            }
            let code = String(decoding: characters, as: UTF8.self)
            if seen.insert(code).inserted { codes.append(code) }
        }
        self.codes = codes
    }

    mutating func write(main: Int, reissues: Int) {
        line(SyntheticLabFile.header)
        var left = main
        for month in 1...12 {
            control(month: month, type: "PA", cells: [small(), small(), small()])
            control(month: month, type: "RA", cells: ["", "", small()])
            control(month: month, type: "EA", cells: ["", small(), ""])
            for (index, code) in codes.enumerated() {
                // Wearer i has a chest badge; every fourth a ring too, and one in twelve an eye dosemeter.
                var worn: [(type: String, use: String)] = [("PA", "CHEST")]
                if index % 4 == 0 { worn.append(("RA", index % 8 == 0 ? "RFINGER" : "LFINGER")) }
                if index % 12 == 1 { worn.append(("EA", "LENS")) }
                for (type, use) in worn {
                    guard left > 0 else { break }
                    wearer(code: code, month: month, type: type, use: use)
                    left -= 1
                }
            }
        }
        precondition(left == 0, "not enough wearers for \(main) rows")
        // Reissues come last, as a lab's corrected results follow its first ones; every 1/200th reading picked.
        let step = max(1, reissuable.count / max(1, reissues))
        for index in stride(from: 0, to: reissuable.count, by: step).prefix(reissues) {
            let original = reissuable[index]
            let dde = dose(), sde = dose()
            row(
                code: original.code, type: "PA", use: "CHEST", month: original.month, cells: [dde, dde, sde],
                serial: original.serial, version: 2, note: "Reissued after reader recalibration")
            self.reissues += 1
            doseEntries += 3
            superseded += original.entries
        }
    }

    private mutating func control(month: Int, type: String, cells: [String]) {
        serial += 1
        row(code: "", type: type, use: "CONTROL", month: month, cells: cells, serial: serialText(type), version: 1)
        controls += 1
    }

    private mutating func wearer(code: String, month: Int, type: String, use: String) {
        serial += 1
        let serialText = serialText(type)
        // The cells a dosemeter type reports: DDE, LDE and SDE for a badge, SDE for a ring, LDE for an eye one.
        func cells(_ value: () -> String) -> [String] {
            switch type {
            case "RA": ["", "", value()]
            case "EA": ["", value(), ""]
            default: [value(), value(), value()]
            }
        }
        let quantities = type == "PA" ? 3 : 1
        let draw = Int.random(in: 0..<1000, using: &random)
        switch draw {
        case 0..<50:
            row(
                code: code, type: type, use: use, month: month, cells: ["", "", ""], serial: serialText, note: "Unused")
        case 50..<52:
            row(
                code: code, type: type, use: use, month: month, cells: ["", "", ""], serial: serialText,
                note: "Dosimeter received damaged. No evaluation possible.")
            doseEntries += quantities
        case 52..<53:
            row(code: code, type: type, use: use, month: month, cells: ["", "", ""], serial: serialText, note: "Lost")
            doseEntries += quantities
        case 53..<260:
            row(code: code, type: type, use: use, month: month, cells: cells { "M" }, serial: serialText)
            doseEntries += quantities
        default:
            var values = cells { dose() }
            // Some badges read below the reporting level at depth but not at the skin.
            if type == "PA", draw % 5 == 0 { values[0] = "M" }
            row(code: code, type: type, use: use, month: month, cells: values, serial: serialText)
            doseEntries += quantities
            if type == "PA" { reissuable.append((code, month, serialText, quantities)) }
        }
    }

    private mutating func row(
        code: String, type: String, use: String, month: Int, cells: [String], serial: String, version: Int = 1,
        note: String = ""
    ) {
        let year = SyntheticLabFile.year
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        let begin = "\(year)-\(twoDigits(month))-01"
        let end = "\(year)-\(twoDigits(month))-\(days)"
        line(
            [SyntheticLabFile.account, code, type, use, begin, end] + cells + [serial, String(version), note])
        rows += 1
    }

    private mutating func line(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(contentsOf: field.utf8)
        }
        text.append(contentsOf: [0x0D, 0x0A])
    }

    private func serialText(_ type: String) -> String {
        let digits = String(serial)
        return type + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// A control's background, 0.02–0.08 mSv.
    private mutating func small() -> String {
        millisieverts(hundredths: Int.random(in: 2...8, using: &random))
    }

    /// A wearer's dose, 0.05–2.50 mSv, skewed low as most are.
    private mutating func dose() -> String {
        let uniform = Int.random(in: 0..<100, using: &random)
        return millisieverts(hundredths: 5 + uniform * uniform / 40)
    }

    private func millisieverts(hundredths: Int) -> String {
        "\(hundredths / 100).\(twoDigits(hundredths % 100))"
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

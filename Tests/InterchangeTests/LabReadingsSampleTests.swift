import DoseCore
import Interchange
import Testing

@Suite("Lab readings: the Landauer-style sample")
struct LabReadingsSampleTests {
    typealias Fixtures = LabReadingsFixtures

    static let alice = LabReadingIdentity(
        name: "Example, Alice", dateOfBirth: CalendarDate(uncheckedTest: "1980-02-29"))

    // Every reading the sample holds, field by field, in file order.
    static let expected: [LabReading] = [
        LabReading(
            line: 2, serial: "PA0000001", participantCode: nil, dosemeterType: "PA", position: .none,
            period: Fixtures.january2026, version: 1, status: .measured,
            cells: LabDoseCells(hp10: Fixtures.mSv("0.05"), hp007: Fixtures.mSv("0.05"), hp3: Fixtures.mSv("0.05")),
            note: nil, account: "EX001", identity: nil),
        LabReading(
            line: 3, serial: "PA0000002", participantCode: "P7K2M9", dosemeterType: "PA", position: .chest,
            period: Fixtures.january2026, version: 1, status: .measured,
            cells: LabDoseCells(hp10: Fixtures.mSv("0.28"), hp007: Fixtures.mSv("0.31"), hp3: Fixtures.mSv("0.28")),
            note: nil, account: "EX001", identity: alice),
        LabReading(
            line: 4, serial: "PA0000003", participantCode: "Q4W8N1", dosemeterType: "PA", position: .chest,
            period: Fixtures.january2026, version: 1, status: .measured,
            cells: LabDoseCells(hp10: .belowReportingLevel, hp007: .belowReportingLevel, hp3: .belowReportingLevel),
            note: nil, account: "EX001",
            identity: LabReadingIdentity(name: "Sample, Bob", dateOfBirth: CalendarDate(uncheckedTest: "1975-11-30"))),
        LabReading(
            line: 5, serial: "PA0000004", participantCode: "H3D6R5", dosemeterType: "PA", position: .chest,
            period: Fixtures.january2026, version: 1, status: .unused, cells: LabDoseCells(), note: "Unused",
            account: "EX001",
            identity: LabReadingIdentity(
                name: "Specimen, Carys", dateOfBirth: CalendarDate(uncheckedTest: "1990-06-15"))),
        LabReading(
            line: 6, serial: "PA0000005", participantCode: "T9B2C7", dosemeterType: "PA", position: .chest,
            period: Fixtures.january2026, version: 1, status: .damaged, cells: LabDoseCells(),
            note: "Dosimeter received damaged. No evaluation possible.", account: "EX001",
            identity: LabReadingIdentity(
                name: "Placeholder, Dafydd", dateOfBirth: CalendarDate(uncheckedTest: "1968-03-03"))),
        LabReading(
            line: 7, serial: "SR0000001", participantCode: nil, dosemeterType: "S", position: .none,
            period: Fixtures.january2026, version: 1, status: .measured,
            cells: LabDoseCells(hp007: Fixtures.mSv("0.10")), note: nil, account: "EX001", identity: nil),
        LabReading(
            line: 8, serial: "SR0000002", participantCode: "P7K2M9", dosemeterType: "S", position: .rightFinger,
            period: Fixtures.january2026, version: 1, status: .measured,
            cells: LabDoseCells(hp007: Fixtures.mSv("1.20")), note: nil, account: "EX001", identity: alice),
        LabReading(
            line: 9, serial: "SE0000003", participantCode: "P7K2M9", dosemeterType: "S", position: .eye,
            period: Fixtures.january2026, version: 1, status: .measured,
            cells: LabDoseCells(hp3: Fixtures.mSv("0.45")), note: nil, account: "EX001", identity: alice),
        LabReading(
            line: 10, serial: "PA0000002", participantCode: "P7K2M9", dosemeterType: "PA", position: .chest,
            period: Fixtures.january2026, version: 2, status: .measured,
            cells: LabDoseCells(hp10: Fixtures.mSv("0.26"), hp007: Fixtures.mSv("0.29"), hp3: Fixtures.mSv("0.26")),
            note: "Reissued after reader recalibration", account: "EX001", identity: alice),
    ]

    @Test("the sample parses to exactly the expected readings, with every field")
    func sample() throws {
        // setup
        let bytes = try Fixtures.sampleBytes()
        // MUT
        let result = LabReadingsCSV.parse(bytes, dateFormat: .iso)
        // validate
        #expect(result.problems == [])
        guard case .valid(let format, let readings) = result else {
            Issue.record("the sample should be valid")
            return
        }
        #expect(format == .landauerStyle)
        #expect(readings.count == Self.expected.count)
        for (reading, expected) in zip(readings, Self.expected) {
            #expect(reading == expected, "line \(expected.line)")
        }
    }

    @Test("control rows are unworn, have no participant code and no identity")
    func controls() throws {
        let readings = LabReadingsCSV.parse(try Fixtures.sampleBytes(), dateFormat: .iso).readings
        let controls = readings.filter(\.isControl)
        #expect(controls.map(\.serial) == ["PA0000001", "SR0000001"])
        #expect(controls.allSatisfy { $0.participantCode == nil && $0.identity == nil && $0.kind == .control })
        #expect(controls.map(\.dosemeterType) == ["PA", "S"])
    }

    @Test("each dose cell stands for the quantity its position records")
    func quantities() throws {
        let readings = LabReadingsCSV.parse(try Fixtures.sampleBytes(), dateFormat: .iso).readings
        let chest = try #require(readings.first { $0.line == 3 })
        #expect(chest.cell(for: .effective) == Fixtures.mSv("0.28"))
        #expect(chest.cell(for: .skin) == Fixtures.mSv("0.31"))
        #expect(chest.cell(for: .lens) == Fixtures.mSv("0.28"))
        #expect(chest.cell(for: .extremity) == .blank)
        #expect(chest.cell(for: .neutron) == .blank)

        let ring = try #require(readings.first { $0.serial == "SR0000002" })
        #expect(ring.kind == .extremity)
        #expect(ring.cell(for: .extremity) == Fixtures.mSv("1.20"))
        #expect(ring.cell(for: .skin) == .blank)
        #expect(ring.cell(for: .effective) == .blank)

        let eye = try #require(readings.first { $0.serial == "SE0000003" })
        #expect(eye.kind == .eye)
        #expect(eye.cell(for: .lens) == Fixtures.mSv("0.45"))
        #expect(Quantity.allCases.filter { eye.cell(for: $0).isReported } == [.lens])

        let belowLevel = try #require(readings.first { $0.serial == "PA0000003" })
        #expect(belowLevel.cell(for: .effective) == .belowReportingLevel)
        #expect(belowLevel.cell(for: .effective) != .dose(.zero))

        let ringControl = try #require(readings.first { $0.serial == "SR0000001" })
        #expect(ringControl.cell(for: .extremity) == Fixtures.mSv("0.10"))
        #expect(ringControl.cell(for: .skin) == Fixtures.mSv("0.10"))
    }

    @Test("a version 2 of a serial in the same file is a reissue, not a duplicate")
    func reissue() throws {
        let readings = LabReadingsCSV.parse(try Fixtures.sampleBytes(), dateFormat: .iso).readings
        let versions = readings.filter { $0.serial == "PA0000002" }
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.line) == [3, 10])
    }
}

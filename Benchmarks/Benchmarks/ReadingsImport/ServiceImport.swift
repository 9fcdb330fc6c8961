import Benchmark
import BenchmarkFixtures
import Foundation
import Interchange
import Logging
import SievertApp
import SievertServices

/// The real use case: `ReadingsImport.run` on a freshly opened runtime with the embedded SQLite store, exactly as
/// `sievert import readings FILE --org CODE` calls it (parse, check participants, net against controls; then the
/// readings, dose entries and one audit event per wearer, sealed and streamed in chunks into one transaction).
struct ImportTemplate: Sendable {
    /// Holds `data/` (database and development keys) and `data-witness/`, prepared once.
    let directory: ScratchDirectory
    let file: SyntheticLabFile

    /// The lab file and a data directory with its organisation, people and participant codes.
    static func make(readings: Int) async throws -> ImportTemplate {
        let file = SyntheticLabFile.make(readings: readings)
        let directory = try ScratchDirectory()
        do {
            try await ReadingsFixture.prepare(
                dataDirectory: directory.path + "/data", participantCodes: file.participantCodes)
        } catch {
            directory.remove()
            throw error
        }
        return ImportTemplate(directory: directory, file: file)
    }

    func measure(_ benchmark: Benchmark) async throws {
        // A copy of the prepared directory per iteration: a second import of the same file would change nothing.
        let copy = try ScratchDirectory()
        defer { copy.remove() }
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            try FileManager.default.copyItem(atPath: directory.path + "/" + name, toPath: copy.path + "/" + name)
        }
        let settings = SievertSettings.from(
            flags: ["data.dir": copy.path + "/data", "demo": "false"], environment: [:])
        let runtime = try await SievertRuntime.open(
            settings, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        do {
            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let start = clock.now
            let report = try await runtime.sievert.readingsImport.run(
                file.bytes, organisationCode: ReadingsFixture.organisationCode, dateFormat: .iso,
                by: .console(requestID: "import-readings"))
            let elapsed = start.duration(to: clock.now)
            benchmark.stopMeasurement()

            precondition(
                report.committed && report.problems.isEmpty && report.imported == file.readings
                    && report.controls == file.controls && report.doseEntries == file.doseEntries
                    && report.superseded == file.superseded && report.withoutControl == 0,
                "expected \(file.readings) readings and \(file.doseEntries) entries committed, got \(report)")
            benchmark.recordReadingRate(report.imported, over: elapsed)
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
    }

    func remove() {
        directory.remove()
    }
}

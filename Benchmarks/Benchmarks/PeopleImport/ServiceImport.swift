import Benchmark
import Logging
import SievertApp
import SievertServices

/// The real use case: `PeopleImport.run` on a freshly opened runtime with the embedded SQLite store,
/// exactly as `sievert import people` calls it (parse, match, seal, one change set, commit).
enum ServiceImport {
    /// The organisation every synthetic row belongs to, registered before each measurement.
    static let organisationCode = "BENCHTRUST"

    static func measure(_ benchmark: Benchmark, file: [UInt8]) async throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let settings = SievertSettings.from(flags: ["data.dir": directory.path, "demo": "false"], environment: [:])
        // Silent: opening a new data directory logs a loud development-key warning every iteration.
        let runtime = try await SievertRuntime.open(
            settings, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        do {
            _ = try await runtime.sievert.organisations.register(
                NewOrganisation(code: organisationCode, name: "Benchmark Hospitals NHS Trust", kind: "nhs-trust"),
                by: .console())

            let clock = ContinuousClock()
            benchmark.startMeasurement()
            let start = clock.now
            let report = try await runtime.sievert.peopleImport.run(file, by: .console(requestID: "bench"))
            let elapsed = start.duration(to: clock.now)
            benchmark.stopMeasurement()

            precondition(
                report.created == rowsPerIteration && report.committed && report.problems.isEmpty,
                "expected \(rowsPerIteration) people created and committed, got \(report)")
            benchmark.recordRowRate(rows: report.created, over: elapsed)
        } catch {
            await runtime.close()
            throw error
        }
        await runtime.close()
    }
}

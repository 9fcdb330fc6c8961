import DoseCore
import Foundation
import Interchange
import SievertApp
import SievertServices
import SievertTestSupport
import Testing

/// `sievert report period` and `sievert export cidi` with the real binary, on a data directory seeded through the
/// use cases with the report test population.
@Suite("sievert report / export cidi")
struct ReportCLITests {
    static func seeded(_ cli: CLIHarness) async throws -> ReportPopulation {
        #expect(try await cli.run(["migrate"]).status == 0)
        let settings = SievertSettings.from(flags: ["data.dir": cli.dataDirectory, "demo": "false"], environment: [:])
        let runtime = try await SievertRuntime.open(settings, logger: TestLog.quiet)
        do {
            let population = try await ReportPopulation.seed(runtime.sievert)
            await runtime.close()
            return population
        } catch {
            await runtime.close()
            throw error
        }
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test("report period writes CSV to standard output or a new 0600 file, never over an existing one")
    func period() async throws {
        let cli = try CLIHarness()
        defer { cli.remove() }
        let seeded = try await Self.seeded(cli)
        let result = try await cli.run(["report", "period", "--org", "RPTA", "--period", "2026-03"])
        #expect(result.status == 0, "\(result.errorText)")
        let rows = CSVReader.rows(in: result.output).compactMap { try? $0.get().fields }
        #expect(rows.first == PeriodDoseReport.csvHeader)
        #expect(
            Set(rows.dropFirst().compactMap(\.last))
                == Set(
                    ["Aberdaron", "Bala", ReportPopulation.formulaSurname].compactMap {
                        seeded.employments[$0]?.description
                    }))

        let out = cli.directory + "/march.html"
        let written = try await cli.run([
            "report", "period", "--org", "RPTA", "--period", "2026-03", "--format", "html", "--out", out,
        ])
        #expect(written.status == 0 && written.output.isEmpty, "\(written.errorText)")
        #expect(try Self.mode(out) == 0o600)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Aberdaron"))
        let again = try await cli.run(["report", "period", "--org", "RPTA", "--period", "2026-04", "--out", out])
        #expect(again.status == 1 && again.errorText.contains("already exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("2026-03"))

        let bad = try await cli.run([
            "report", "period", "--org", "RPTA", "--period", "March", "--out", cli.directory + "/x.csv",
        ])
        #expect(bad.status == 1 && bad.errorText.contains("period"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/x.csv"))
        let unknown = try await cli.run(["report", "period", "--org", "NOPE", "--period", "2026-03"])
        #expect(unknown.status == 1 && unknown.errorText.contains("not found"))

        let history = try await cli.run([
            "report", "history", "--person", try #require(seeded.ids["Caerau"]).description, "--format", "csv",
        ])
        #expect(history.status == 0)
        #expect(CSVReader.rows(in: history.output).count == 6)  // the header and Caerau's five entries
        let termination = try await cli.run([
            "report", "termination", "--employment", try #require(seeded.employments["Caerau"]).description,
        ])
        #expect(termination.status == 0 && termination.outputText.contains("2025-06-30"))
    }

    @Test("export cidi writes the return only to a new 0600 file, with NINOs that never reach the terminal")
    func cidi() async throws {
        let cli = try CLIHarness()
        defer { cli.remove() }
        _ = try await Self.seeded(cli)
        let out = cli.directory + "/cidi-2026.csv"
        let result = try await cli.run(["export", "cidi", "--year", "2026", "--out", out])
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.errorText.contains("exported 3 records of 3 classified people for 2026"))
        #expect(!result.outputText.contains(ReportPopulation.aberdaronNINO))
        #expect(!result.errorText.contains(ReportPopulation.aberdaronNINO))
        #expect(try Self.mode(out) == 0o600)
        let rows = CSVReader.rows(in: Array(try Data(contentsOf: URL(fileURLWithPath: out)))).compactMap {
            try? $0.get().fields
        }
        #expect(rows.count == 4 && rows.contains { $0.first == ReportPopulation.aberdaronNINO })

        let again = try await cli.run(["export", "cidi", "--year", "2026", "--out", out])
        #expect(again.status == 1 && again.errorText.contains("already exists"))
        #expect(CSVReader.rows(in: Array(try Data(contentsOf: URL(fileURLWithPath: out)))).count == 4)
        let missing = try await cli.run(["export", "cidi", "--year", "2026"])
        #expect(missing.status != 0)
        let bad = try await cli.run(["export", "cidi", "--year", "MMXXVI", "--out", cli.directory + "/bad.csv"])
        #expect(bad.status == 1 && bad.errorText.contains("year"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/bad.csv"))
    }
}

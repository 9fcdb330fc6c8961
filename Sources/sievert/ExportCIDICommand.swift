import ArgumentParser
import Foundation
import SievertApp
import SievertServices

extension ExportCommand {
    /// `sievert export cidi --year YYYY --out FILE`: the CIDI return, the one export carrying NINOs, only ever to a
    /// new file.
    struct CIDI: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cidi",
            abstract: "The annual return of classified persons' doses to HSE's CIDI (CSV with NINOs; audited).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The calendar year, YYYY.") var year: String
        @Option(help: "The new file to write (mode 0600); an existing file is never overwritten.") var out: String

        func run() async throws {
            try PrivateOutput.refuseExisting(out)
            let export = try await options.withRuntime { runtime in
                try await runtime.sievert.reports.cidi.export(year: year, by: .console(requestID: "export-cidi"))
            }
            try PrivateOutput.write(export.csv, to: out)
            // Counts only: the return itself never reaches a terminal or a log.
            Console.error("exported \(export.rows) records of \(export.people) classified people for \(export.year)")
        }
    }
}

import ArgumentParser
import Foundation
import Interchange
import Linkage
import SievertServices

/// `sievert breach …`: breach response. `cleanse` works on any people CSV with no server or data directory;
/// `generate` (hidden: a measuring tool, not an operator task) writes a synthetic file to measure it on.
struct BreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breach", abstract: "Breach response tools.",
        subcommands: [
            Cleanse.self, Declare.self, List.self, Decide.self, Scope.self, Plan.self, Notify.self, Report.self,
            Letters.self, Delivery.self, Generate.self,
        ])

    struct Cleanse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cleanse and de-duplicate a people CSV: one row per record with its person and disposition.")

        @Option(help: "A people CSV (the import/export format).") var input: String
        @Option(help: "Where to write record_id,person_id,disposition,contact_record_id (mode 0600).") var output:
            String
        @Option(help: "Match probability a pair must reach to be merged.") var matchProbability: Double = 0.95

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: input) else {
                Console.error("\(input): cannot read the file")
                throw ExitCode(1)
            }
            guard (0.5...0.999_999).contains(matchProbability) else {
                throw ValidationError("--match-probability must be between 0.5 and 0.999999")
            }
            let result: (clusters: [UInt8], summary: CleanseSummary)
            do {
                result = try PeopleFileCleanse.run(Array(data), matchProbability: matchProbability) {
                    stage, done, total in
                    Console.progress("\(stage.rawValue): \(done) of \(total)        ")
                }
            } catch {
                for problem in error.problems.prefix(1000) {
                    Console.error(
                        "\(input):\(problem.line): \(problem.column.map { "column \($0): " } ?? "")\(problem.reason)")
                }
                throw ExitCode(1)
            }
            Console.progress("\n")
            guard
                FileManager.default.createFile(
                    atPath: output, contents: Data(result.clusters), attributes: [.posixPermissions: 0o600])
            else {
                Console.error("\(output): cannot write the file")
                throw ExitCode(1)
            }
            let summary = result.summary
            Console.out(
                "\(summary.records) records, \(summary.people) people, \(summary.duplicatesMerged) duplicates merged, "
                    + "\(summary.dummies) dummies, \(summary.deceased) deceased, \(summary.unidentifiable) unidentifiable"
            )
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a generated RPS-like people CSV and its ground truth, to measure `breach cleanse` on.",
            shouldDisplay: false)

        @Option(help: "About how many records to generate.") var records: Int
        @Option(help: "The seed; the same seed gives the same files.") var seed: UInt64 = 2017
        @Option(help: "How many organisations send records.") var organisations: Int = 12
        @Option(help: "Where to write the people CSV (a new file, mode 0600).") var output: String
        @Option(help: "Where to write record_id,person_id (a new file, mode 0600).") var truth: String

        func run() async throws {
            guard records > 0, organisations > 0 else {
                throw ValidationError("--records and --organisations must be positive")
            }
            try PrivateOutput.refuseExisting(output)
            try PrivateOutput.refuseExisting(truth)
            let files = SyntheticBreachFile.make(records: records, organisations: organisations, seed: seed)
            try PrivateOutput.write(files.people, to: output)
            try PrivateOutput.write(files.truth, to: truth)
            Console.out("\(output): generated people file; \(truth): its true person per record")
        }
    }
}

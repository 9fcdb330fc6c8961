import ArgumentParser
import Foundation
import Interchange
import Linkage
import SievertServices

/// `sievert breach …`: breach response. `cleanse` works on any people CSV with no server or data directory.
struct BreachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "breach", abstract: "Breach response tools.",
        subcommands: [
            Cleanse.self, Declare.self, List.self, Decide.self, Scope.self, Plan.self, Notify.self, Report.self,
            Letters.self, Delivery.self,
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
}

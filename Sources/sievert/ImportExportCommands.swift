import ArgumentParser
import Foundation
import Interchange
import SievertApp
import SievertServices

/// `sievert import people FILE`: bulk registration, all or nothing unless `--rejects` is given.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import files.", subcommands: [People.self, Readings.self])

    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register or update people from a people CSV file (validated whole first).")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The people CSV file.") var file: String
        @Option(help: "Commit the good lines and write the bad ones, with their reasons, to this file.")
        var rejects: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the file")
                throw ExitCode(1)
            }
            let report = try await options.withRuntime { runtime in
                try await runtime.sievert.peopleImport.run(
                    Array(data), commitGoodLines: rejects != nil, by: .console(requestID: "import")
                ) { done, total in
                    Console.progress("checked \(done) of \(total) lines")
                }
            }
            Console.progress("\n")
            for problem in report.problems {
                Console.error(
                    "\(file):\(problem.line): \(problem.column.map { "column \($0): " } ?? "")\(problem.reason)")
            }
            if report.moreProblems > 0 { Console.error("\(file): \(report.moreProblems) more problems not shown") }
            if let rejects, !report.problems.isEmpty {
                try Rejects.write(report.problems, from: Array(data), to: rejects)
            }
            let summary =
                "\(report.records) lines: \(report.created) created, \(report.updated) updated, "
                + "\(report.unchanged) unchanged, \(Set(report.problems.map(\.line)).count) rejected"
            if report.committed {
                Console.out(summary)
            } else {
                Console.error("nothing was imported: \(summary)")
            }
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }
}

extension ImportCommand {
    /// `sievert import readings FILE --org CODE`: a lab's readings, all or nothing, idempotent.
    struct Readings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a lab reading file (Landauer-style export or Sievert's own format), validated whole.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The lab reading CSV file.") var file: String
        @Option(help: "The organisation the readings are for.") var org: String
        @Option(
            help: "How the file writes dates: iso (YYYY-MM-DD), dayMonthYear (DD/MM/YYYY), monthDayYear (MM/DD/YYYY).")
        var dateFormat: String = "iso"

        func run() async throws {
            guard let format = LabDateFormat(rawValue: dateFormat) else {
                throw ValidationError("--date-format must be iso, dayMonthYear or monthDayYear")
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the file")
                throw ExitCode(1)
            }
            let report = try await options.withRuntime { runtime in
                try await runtime.sievert.readingsImport.run(
                    Array(data), organisationCode: org, dateFormat: format, by: .console(requestID: "import-readings"))
            }
            for problem in report.problems {
                Console.error(
                    "\(file):\(problem.line): \(problem.column.map { "column \($0): " } ?? "")\(problem.reason)")
            }
            if report.moreProblems > 0 { Console.error("\(file): \(report.moreProblems) more problems not shown") }
            let summary =
                "\(report.rows) readings: \(report.imported) imported (\(report.controls) controls), "
                + "\(report.alreadyImported) already imported, \(report.doseEntries) dose entries, "
                + "\(report.superseded) superseded, \(report.withoutControl) without a control"
            guard report.committed else {
                Console.error("nothing was imported: \(summary)")
                throw ExitCode(1)
            }
            Console.out(summary)
        }
    }
}

/// `sievert export people --org CODE`: the organisation's people in the people CSV format.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export files.", subcommands: [People.self, CIDI.self])

    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an organisation's people as a people CSV.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Organisation code.") var org: String
        @Option(help: "Output file (default: standard output). Created with mode 0600.") var output: String?

        func run() async throws {
            let handle: FileHandle
            if let output {
                guard
                    FileManager.default.createFile(
                        atPath: output, contents: nil, attributes: [.posixPermissions: 0o600]),
                    let file = FileHandle(forWritingAtPath: output)
                else {
                    Console.error("\(output): cannot create the file")
                    throw ExitCode(1)
                }
                handle = file
            } else {
                handle = FileHandle.standardOutput
            }
            let count = try await options.withRuntime { runtime in
                try await runtime.sievert.peopleExport.run(organisationCode: org, by: .console(requestID: "export")) {
                    try handle.write(contentsOf: $0)
                }
            }
            try handle.synchronize()
            Console.error("exported \(count) people")
        }
    }
}

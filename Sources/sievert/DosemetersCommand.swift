import ArgumentParser
import DoseCore
import Foundation
import Interchange
import SievertApp
import SievertServices

/// `sievert dosemeters …`: the inventory, monitoring assignments, issue lists, returns and unreturned list.
struct DosemetersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dosemeters", abstract: "Dosemeters and wear periods of an organisation.",
        subcommands: [Receive.self, Assign.self, Issue.self, Return.self, Unreturned.self, Settings.self])

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Receive dosemeters into the inventory.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(help: "whole-body, extremity or eye.") var kind: String
        @Option(help: "The lab's technology, e.g. OSL or TLD.") var technology: String
        @Argument(help: "The serial numbers.") var serials: [String]

        func run() async throws {
            let received = try await options.withRuntime { runtime in
                try await runtime.sievert.dosemeters.receive(
                    NewDosemeters(kind: kind, technology: technology, serials: serials), organisation: org,
                    by: .console(requestID: "dosemeters-receive"))
            }
            Console.out("\(received.count) dosemeters received into \(org.uppercased())")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assign dosemeter duties: from an assignments file, or one person at a time.",
            discussion:
                "The file's header is \(AssignmentsCSV.header.joined(separator: ",")); each line names the person "
                + "by id or by staff number. The whole file is checked first and assigned all or nothing.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(help: "An assignments CSV file.") var from: String?
        @Option(help: "A person id (instead of --from).") var person: String?
        @Option(help: "The employment id, when the person holds several records.") var employment: String?
        @Option(help: "chest, collar, waist, left-finger, right-finger, left-wrist, right-wrist or eye.")
        var position: String?
        @Option(help: "monthly, two-monthly or quarterly.") var frequency: String?
        @Option(help: "First day worn, YYYY-MM-DD (default today).") var starts: String?

        func validate() throws {
            guard (from == nil) != (person == nil) else { throw ValidationError("give either --from or --person") }
            if person != nil, position == nil || frequency == nil {
                throw ValidationError("--person needs --position and --frequency")
            }
        }

        func run() async throws {
            let caller = Caller.console(requestID: "dosemeters-assign")
            if let from {
                guard let data = FileManager.default.contents(atPath: from) else {
                    Console.error("\(from): cannot read the file")
                    throw ExitCode(1)
                }
                let report = try await options.withRuntime { runtime in
                    try await runtime.sievert.dosemeters.assign(file: Array(data), organisation: org, by: caller)
                }
                for problem in report.problems {
                    Console.error(
                        "\(from):\(problem.line): \(problem.column.map { "column \($0): " } ?? "")\(problem.reason)")
                }
                if report.moreProblems > 0 { Console.error("\(from): \(report.moreProblems) more problems not shown") }
                guard report.problems.isEmpty else {
                    Console.error("nothing was assigned")
                    throw ExitCode(1)
                }
                for view in report.assigned { Console.out(Self.line(view)) }
                return
            }
            guard let person, let position, let frequency else { return }
            let views = try await options.withRuntime { runtime in
                try await runtime.sievert.dosemeters.assign(
                    [
                        NewAssignment(
                            person: person, employment: employment, position: position, frequency: frequency,
                            starts: starts)
                    ], organisation: org, by: caller)
            }
            for view in views { Console.out(Self.line(view)) }
        }

        static func line(_ view: AssignmentView) -> String {
            [
                view.id.description, view.person.description, view.participantCode ?? "", view.position.rawValue,
                view.frequency.rawValue, view.starts.description,
            ].joined(separator: "\t")
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue dosemeters for the wear periods beginning in a month and write the lab's issue list.",
            discussion:
                "Columns: \(LabIssueListCSV.header.joined(separator: ",")), control dosemeters included. "
                + "Running it again issues only what is new and writes the whole list again.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(help: "The month the wear periods begin, YYYY-MM.") var period: String
        @Option(help: "Write the CSV to this new file (mode 0600) instead of standard output.") var out: String?

        func run() async throws {
            if let out { try PrivateOutput.refuseExisting(out) }
            let list = try await options.withRuntime { runtime in
                try await runtime.sievert.dosemeters.issue(
                    organisation: org, month: period, by: .console(requestID: "dosemeters-issue"))
            }
            try PrivateOutput.write(try DosemeterService.labFile(list), to: out)
            Console.note("batch \(list.batch): \(list.dosemeters.count) dosemeters (\(list.issuedNow) issued now)")
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record how an issued dosemeter came back: returned, unused, lost or damaged.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(help: "The dosemeter's serial.") var serial: String
        @Option(help: "The month its wear period began, YYYY-MM.") var period: String
        @Option(help: "returned, unused, lost or damaged.") var status: String
        @Option(help: "When, YYYY-MM-DD (default today).") var on: String?

        func run() async throws {
            let view = try await options.withRuntime { runtime in
                try await runtime.sievert.dosemeters.recordReturn(
                    NewReturn(serial: serial, month: period, status: status, on: on), organisation: org,
                    by: .console(requestID: "dosemeters-return"))
            }
            Console.out(
                "\(view.serial) \(view.returnStatus?.rawValue ?? status) on \(view.returnedOn?.description ?? "")"
                    + (view.late ? " (late)" : ""))
        }
    }

    struct Unreturned: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dosemeters still out, oldest first, with their age in days since the wear period ended.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(name: .customLong("as-of"), help: "Count ages to this day, YYYY-MM-DD (default today).")
        var asOf: String?

        func run() async throws {
            let rows = try await options.withRuntime { runtime in
                try await runtime.sievert.dosemeters.unreturned(
                    organisation: org, asOf: asOf, by: .console(requestID: "dosemeters-unreturned"))
            }
            Console.out("serial\tparticipant_code\tposition\tperiod_begin\tperiod_end\tage_days\toverdue")
            for row in rows {
                Console.out(
                    [
                        row.serial, row.participantCode ?? "control", row.position.rawValue,
                        row.periodBegin.description, row.periodEnd.description, String(row.ageDays),
                        row.overdue ? "yes" : "no",
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change an organisation's dosimetry settings.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(name: .customLong("anchor-month"), help: "The month (1-12) longer wear periods start from.")
        var anchorMonth: Int?
        @Option(name: .customLong("minimum-reporting-level"), help: "In mSv, e.g. 0.1; 'none' for the lab's own.")
        var minimumReportingLevel: String?
        @Option(name: .customLong("return-due-days"), help: "Days after a period's end a dosemeter is due back.")
        var returnDueDays: Int?

        func run() async throws {
            let settings = try await options.withRuntime { runtime in
                let caller = Caller.console(requestID: "dosemeters-settings")
                var settings = try await runtime.sievert.dosemeters.settings(organisation: org, by: caller)
                guard anchorMonth != nil || minimumReportingLevel != nil || returnDueDays != nil else {
                    return settings
                }
                if let anchorMonth { settings.wearAnchorMonth = anchorMonth }
                if let minimumReportingLevel {
                    settings.minimumReportingLevelMSv = minimumReportingLevel == "none" ? nil : minimumReportingLevel
                }
                if let returnDueDays { settings.returnDueDays = returnDueDays }
                return try await runtime.sievert.dosemeters.updateSettings(settings, organisation: org, by: caller)
            }
            Console.out("wear anchor month: \(settings.wearAnchorMonth)")
            Console.out("minimum reporting level: \(settings.minimumReportingLevelMSv.map { "\($0) mSv" } ?? "none")")
            Console.out("return due: \(settings.returnDueDays) days after the period")
        }
    }
}

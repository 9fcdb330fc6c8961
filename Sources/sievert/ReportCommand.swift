import ArgumentParser
import DoseCore
import Foundation
import SievertApp
import SievertServices

/// `sievert report …`: the reports the service owes organisations and wearers, written to standard output or to
/// a new file (mode 0600).
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Dose reports: period, annual summary, termination record, wearer history.",
        subcommands: [Period.self, Annual.self, Termination.self, History.self])

    struct Period: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An organisation's periodic dose report for a wear month (CSV or printable HTML).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Organisation code.") var org: String
        @Option(help: "The wear month, YYYY-MM.") var period: String
        @Option(help: "csv, html or json.") var format: String = "csv"
        @Option(help: "Write to this new file (mode 0600) instead of standard output.") var out: String?

        func run() async throws {
            if let out { try PrivateOutput.refuseExisting(out) }
            let document = try await options.withRuntime { runtime in
                let format = try ReportFormat.parse(format, default: .csv, allowed: [.csv, .html, .json])
                return try await runtime.sievert.reports.period.report(
                    organisationCode: org, period: period, by: .console(requestID: "report-period")
                ).document(format)
            }
            try PrivateOutput.write(document.bytes, to: out)
        }
    }

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An organisation's annual summary with the last five years (CSV or printable HTML).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Organisation code.") var org: String
        @Option(help: "The last year of the five, YYYY.") var year: String
        @Option(help: "csv, html or json.") var format: String = "csv"
        @Option(help: "Write to this new file (mode 0600) instead of standard output.") var out: String?

        func run() async throws {
            if let out { try PrivateOutput.refuseExisting(out) }
            let document = try await options.withRuntime { runtime in
                let format = try ReportFormat.parse(format, default: .csv, allowed: [.csv, .html, .json])
                return try await runtime.sievert.reports.annual.summary(
                    organisationCode: org, year: year, by: .console(requestID: "report-annual")
                ).document(format)
            }
            try PrivateOutput.write(document.bytes, to: out)
        }
    }

    struct Termination: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The termination record of a classified person's employment (printable HTML or JSON).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The employment (dose record) id.") var employment: String
        @Option(help: "html or json.") var format: String = "html"
        @Option(help: "Write to this new file (mode 0600) instead of standard output.") var out: String?

        func run() async throws {
            guard let id = EmploymentID(employment) else { throw ValidationError("\(employment) is not an id") }
            if let out { try PrivateOutput.refuseExisting(out) }
            let document = try await options.withRuntime { runtime in
                let format = try ReportFormat.parse(format, default: .html, allowed: [.html, .json])
                return try await runtime.sievert.reports.termination.record(
                    employment: id, by: .console(requestID: "report-termination")
                ).document(format)
            }
            try PrivateOutput.write(document.bytes, to: out)
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A wearer's whole dose history with its totals (JSON) or its entries (CSV).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The person id.") var person: String
        @Option(help: "Totals as of this date, YYYY-MM-DD (default today).") var asOf: String?
        @Option(help: "json or csv.") var format: String = "json"
        @Option(help: "Write to this new file (mode 0600) instead of standard output.") var out: String?

        func run() async throws {
            guard let id = PersonID(person) else { throw ValidationError("\(person) is not a person id") }
            var date: CalendarDate?
            if let asOf {
                do { date = try CalendarDate(iso: asOf) } catch {
                    throw ValidationError("--as-of must be a date YYYY-MM-DD")
                }
            }
            if let out { try PrivateOutput.refuseExisting(out) }
            let document = try await options.withRuntime { runtime in
                let format = try ReportFormat.parse(format, default: .json, allowed: [.json, .csv])
                return try await runtime.sievert.doses.history(
                    of: id, asOf: date, by: .console(requestID: "report-history")
                ).document(format)
            }
            try PrivateOutput.write(document.bytes, to: out)
        }
    }
}

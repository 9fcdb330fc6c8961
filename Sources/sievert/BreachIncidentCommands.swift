import ArgumentParser
import DoseCore
import Foundation
import Interchange
import SievertApp
import SievertServices

/// Parses an instant given on the command line: `2026-11-20T09:30:00Z` or a date `2026-11-20` (midnight UTC).
func parseInstant(_ text: String, option: String) throws -> Date {
    if let date = ISO8601DateFormatter().date(from: text) { return date }
    let dateOnly = ISO8601DateFormatter()
    dateOnly.formatOptions = [.withFullDate]
    if let date = dateOnly.date(from: text) { return date }
    throw ValidationError("--\(option) must be an ISO 8601 instant such as 2026-11-20T09:30:00Z, or a date")
}

func parseIncident(_ text: String) throws -> IncidentID {
    guard let id = IncidentID(text) else { throw ValidationError("\(text) is not an incident id") }
    return id
}

extension BreachCommand {
    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare a breach: the Art. 33 72-hour clock runs from --aware.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "What happened.") var summary: String
        @Option(help: "When it began (ISO 8601).") var occurred: String
        @Option(help: "When the service became aware (ISO 8601; default now).") var aware: String?
        @Option(help: "own-systems or processor.") var source: String = "own-systems"
        @Option(help: "Who answers questions about it (name, role, telephone, e-mail).") var contact: String
        @Option(help: "Likely consequences, for the report and letters.") var consequences: String?
        @Option(help: "Measures taken or proposed.") var measures: String?

        func run() async throws {
            guard let source = IncidentSource(rawValue: source) else {
                throw ValidationError("--source must be own-systems or processor")
            }
            let input = NewIncident(
                summary: summary, source: source, occurredAt: try parseInstant(occurred, option: "occurred"),
                awareAt: try aware.map { try parseInstant($0, option: "aware") } ?? Date(), contactPoint: contact,
                consequences: consequences, measures: measures)
            let incident = try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.declare(input, by: .console(requestID: "breach-declare"))
            }
            Console.out("\(incident.id) open; report due \(ISO8601DateFormatter().string(from: incident.reportDue))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The incident register, newest first.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let incidents = try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.list(by: .console(requestID: "breach-list"))
            }
            Console.out("incident\tstatus\taware\treport_due\thours_left\tsummary")
            let iso = ISO8601DateFormatter()
            for incident in incidents {
                Console.out(
                    [
                        incident.id.description, incident.status.rawValue, iso.string(from: incident.awareAt),
                        iso.string(from: incident.reportDue),
                        incident.secondsToReport.map { String(format: "%.1f", $0 / 3600) } ?? "",
                        incident.summary.replacingOccurrences(of: "\n", with: " "),
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add to an incident's decision log: note, reported, not-reported (with reasons) or closed.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String
        @Argument(help: "note, reported, not-reported or closed.") var kind: String
        @Option(help: "What was decided and why.") var text: String

        func run() async throws {
            let id = try parseIncident(incident)
            guard let kind = IncidentDecision.Kind(rawValue: kind) else {
                throw ValidationError("the decision must be note, reported, not-reported or closed")
            }
            let updated = try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.record(
                    kind, text: text, on: id, by: .console(requestID: "breach-decide"))
            }
            Console.out("\(updated.id) \(updated.status.rawValue)")
        }
    }

    struct Scope: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the people an incident affects, by one of: a store window, principals, a leaked file, "
                + "or a key version.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String
        @Option(help: "Start of the window (ISO 8601).") var from: String?
        @Option(help: "End of the window (ISO 8601; default now).") var to: String?
        @Flag(help: "Scope by the store: everyone held in it during the window.") var store = false
        @Flag(help: "With --store: the keys were taken too (every held field is readable).") var keysCompromised =
            false
        @Option(
            help:
                "A compromised principal as the ledger names it (a token id tok_…, or account:ID); repeat for several.")
        var principal: [String] =
            []
        @Option(help: "A leaked people CSV.") var peopleFile: String?
        @Option(help: "A leaked lab readings CSV.") var labFile: String?
        @Option(help: "Date format of --lab-file: iso, dayMonthYear or monthDayYear.") var dateFormat: String = "iso"
        @Option(help: "A compromised organisation key: CODE:VERSION.") var organisationKey: String?
        @Option(help: "A compromised root key version.") var rootKey: UInt32?

        func run() async throws {
            let id = try parseIncident(incident)
            let scope = try breachScope()
            let file = peopleFile ?? labFile
            let outcome = try await options.withRuntime { runtime in
                do {
                    return try await runtime.sievert.incidents.scope(
                        id, by: scope, caller: .console(requestID: "breach-scope"))
                } catch let error as ServiceError where file != nil && !error.validationErrors.isEmpty {
                    // A leaked file's problems name its lines: file:line: reason, one per line.
                    for problem in error.validationErrors {
                        Console.error("\(file ?? ""): \(problem.field): \(problem.reason)")
                    }
                    throw ExitCode(1)
                }
            }
            Console.out(
                "\(outcome.records) records found (\(outcome.readable) with readable fields), "
                    + "\(outcome.unmatchedRows) file rows unmatched; \(outcome.totalRecords) records affected in all")
        }

        private func breachScope() throws -> BreachScope {
            let chosen = [
                store, !principal.isEmpty, peopleFile != nil, labFile != nil, organisationKey != nil,
                rootKey != nil,
            ].filter { $0 }.count
            guard chosen == 1 else {
                throw ValidationError(
                    "give exactly one of --store, --principal, --people-file, --lab-file, --organisation-key, --root-key"
                )
            }
            let end = try to.map { try parseInstant($0, option: "to") } ?? Date()
            if store || !principal.isEmpty {
                guard let from else { throw ValidationError("--from is required with --store and --principal") }
                let start = try parseInstant(from, option: "from")
                return store
                    ? .storeWindow(from: start, to: end, keysCompromised: keysCompromised)
                    : .principals(principal, from: start, to: end)
            }
            if let peopleFile { return .peopleFile(name: peopleFile, bytes: try read(peopleFile)) }
            if let labFile {
                guard let format = LabDateFormat(rawValue: dateFormat) else {
                    throw ValidationError("--date-format must be iso, dayMonthYear or monthDayYear")
                }
                return .labFile(name: labFile, bytes: try read(labFile), dateFormat: format)
            }
            if let organisationKey {
                let parts = organisationKey.split(separator: ":")
                guard parts.count == 2, let version = UInt32(parts[1]) else {
                    throw ValidationError("--organisation-key must be CODE:VERSION, e.g. VEL:1")
                }
                return .organisationKey(code: String(parts[0]), version: version)
            }
            return .rootKey(version: rootKey ?? 0)
        }

        private func read(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                Console.error("\(path): cannot read the file")
                throw ExitCode(1)
            }
            return Array(data)
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cleanse the affected records: dummies, duplicates, deceased, unidentifiable, current contact.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String

        func run() async throws {
            let id = try parseIncident(incident)
            let plan = try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.plan(id, caller: .console(requestID: "breach-plan"))
            }
            Console.out(
                "\(plan.records) records, \(plan.people) people, \(plan.duplicatesMerged) duplicates merged, "
                    + "\(plan.notify) to notify (\(plan.notifyWithoutContact) without contact), \(plan.deceased) "
                    + "deceased, \(plan.unidentifiable) unidentifiable, \(plan.dummies) dummy records")
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue the processor's notice to each affected organisation's data-protection contact.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String

        func run() async throws {
            let id = try parseIncident(incident)
            let count = try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.notifyControllers(id, by: .console(requestID: "breach-notify"))
            }
            Console.out("\(count) notices queued; `sievert mail send` sends them now")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Art. 33 report draft (counts by organisation and field; names no one).")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String
        @Option(help: "html or json.") var format: String = "html"
        @Option(help: "A new file to write (default standard output).") var out: String?

        func run() async throws {
            let id = try parseIncident(incident)
            if let out { try PrivateOutput.refuseExisting(out) }
            let document = try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.report(
                    id, format: try ReportFormat.parse(format, default: .html, allowed: [.html, .json]),
                    by: .console(requestID: "breach-report"))
            }
            try PrivateOutput.write(document.bytes, to: out)
        }
    }

    struct Letters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Art. 34 letters (printable HTML) or the notification list (CSV for mail merge).")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String
        @Option(help: "Only this organisation.") var org: String?
        @Option(help: "html (the letters) or csv (the notification list).") var format: String = "html"
        @Option(help: "A new file to write, mode 0600 (it holds names and addresses).") var out: String

        func run() async throws {
            let id = try parseIncident(incident)
            try PrivateOutput.refuseExisting(out)
            let format = try ReportFormat.parse(format, default: .html, allowed: [.html, .csv])
            let document = try await options.withRuntime { runtime in
                let caller = Caller.console(requestID: "breach-letters")
                return format == .csv
                    ? try await runtime.sievert.incidents.notificationCSV(id, organisationCode: org, by: caller)
                    : try await runtime.sievert.incidents.letters(id, organisationCode: org, by: caller)
            }
            try PrivateOutput.write(document.bytes, to: out)
        }
    }

    struct Delivery: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a letter's delivery: sent, returned or undeliverable.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The incident id.") var incident: String
        @Argument(help: "The person record id.") var person: String
        @Argument(help: "sent, returned or undeliverable.") var state: String

        func run() async throws {
            let id = try parseIncident(incident)
            guard let personID = PersonID(person) else { throw ValidationError("\(person) is not a person id") }
            guard let delivery = LetterDelivery(rawValue: state) else {
                throw ValidationError("the delivery must be sent, returned or undeliverable")
            }
            try await options.withRuntime { runtime in
                try await runtime.sievert.incidents.recordDelivery(
                    delivery, of: personID, on: id, by: .console(requestID: "breach-delivery"))
            }
            Console.out("\(personID) \(delivery.rawValue)")
        }
    }
}

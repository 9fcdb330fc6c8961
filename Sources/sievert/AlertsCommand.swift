import ArgumentParser
import DoseCore
import Foundation
import SievertApp
import SievertServices

/// `sievert alerts …`: IRR17 dose alerts, their workflow and the investigation levels; `sievert mail send`.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Dose alerts (IRR17 limits, investigation levels, classification prompts).",
        subcommands: [List.self, Step.self, Levels.self, Recheck.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List alerts, oldest first.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this organisation.") var org: String?
        @Option(help: "Only alerts in this state: raised, acknowledged, investigating or closed.") var state: String?

        func run() async throws {
            let alerts = try await options.withRuntime { runtime in
                try await runtime.sievert.alerts.list(
                    organisation: org, state: state, by: .console(requestID: "alerts-list"))
            }
            Console.out("alert\torganisation\tperson\tkind\tquantity\tmSv\tthreshold\tstate")
            for alert in alerts {
                Console.out(
                    [
                        alert.id.description, alert.organisation, alert.person.description, alert.kind.rawValue,
                        alert.quantity.rawValue, alert.mSv, alert.thresholdMSv, alert.state.rawValue,
                    ].joined(separator: "\t"))
            }
        }
    }

    struct Step: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "step", abstract: "Move an alert on: acknowledged, investigating, then closed (with a note).")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The alert id.") var alert: String
        @Argument(help: "acknowledged, investigating or closed.") var state: String
        @Option(help: "What was seen, decided or found (required to close).") var note: String?

        func run() async throws {
            guard let id = AlertID(alert) else { throw ValidationError("\(alert) is not an alert id") }
            let view = try await options.withRuntime { runtime in
                try await runtime.sievert.alerts.move(
                    id, AlertStep(state: state, note: note), by: .console(requestID: "alerts-step"))
            }
            Console.out("\(view.id) \(view.state.rawValue)")
        }
    }

    struct Levels: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set an organisation's investigation levels, in mSv (IRR17 reg 9(8)).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(help: "Effective dose level.") var effective: String?
        @Option(help: "Lens of the eye level.") var lens: String?
        @Option(help: "Skin level.") var skin: String?
        @Option(help: "Extremity level.") var extremity: String?

        func run() async throws {
            let levels = try await options.withRuntime { runtime in
                let caller = Caller.console(requestID: "alerts-levels")
                var levels = try await runtime.sievert.alerts.investigationLevels(organisation: org, by: caller)
                guard effective != nil || lens != nil || skin != nil || extremity != nil else { return levels }
                if let effective { levels.organisation.effective = effective }
                if let lens { levels.organisation.lens = lens }
                if let skin { levels.organisation.skin = skin }
                if let extremity { levels.organisation.extremity = extremity }
                return try await runtime.sievert.alerts.setInvestigationLevels(levels, organisation: org, by: caller)
            }
            let own = levels.organisation
            for (name, value) in [
                ("effective", own.effective), ("lens", own.lens), ("skin", own.skin), ("extremity", own.extremity),
            ] {
                Console.out("\(name): \(value.map { "\($0) mSv" } ?? "none")")
            }
        }
    }

    struct Recheck: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every wearer of an organisation for a year again and raise what is new.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The organisation code.") var org: String
        @Option(help: "The calendar year.") var year: Int

        func run() async throws {
            let raised = try await options.withRuntime { runtime in
                try await runtime.sievert.alerts.recheck(
                    organisation: org, year: year, by: .console(requestID: "alerts-recheck"))
            }
            Console.out("\(raised.count) alerts raised")
        }
    }
}

/// `sievert mail send`: deliver the notices waiting in the outbox now, through `mail.relay.url`.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Notices waiting to be sent.", subcommands: [Send.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send the waiting notices now.")

        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("relay"), help: "The SMTP relay URL (else SIEVERT_MAIL_RELAY_URL).")
        var relay: String?

        func run() async throws {
            let delivery = try await options.withRuntime(extra: relay.map { ["mail.relay.url": $0] } ?? [:]) {
                runtime in
                try await runtime.deliverMail()
            }
            guard let delivery else {
                Console.error("no mail relay configured (mail.relay.url / SIEVERT_MAIL_RELAY_URL): nothing sent")
                throw ExitCode(1)
            }
            Console.out("\(delivery.sent) sent, \(delivery.failed) failed")
            if delivery.failed > 0 { throw ExitCode(1) }
        }
    }
}

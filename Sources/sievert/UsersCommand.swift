import ArgumentParser
import DoseCore
import Foundation
import SievertApp
import SievertServices
import SievertStorage

/// `sievert users create-admin|create|list|disable`: accounts. There is no default password: every account
/// starts with a one-time enrolment token, printed once, with which its holder chooses a password.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Create, list and disable user accounts.",
        subcommands: [CreateAdmin.self, Create.self, List.self, Disable.self])

    struct CreateAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-admin",
            abstract: "Create a service administrator (rps-admin) and print a one-time enrolment token.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The administrator's login name.") var login: String

        func run() async throws {
            try await options.withRuntime { runtime in
                let created = try await runtime.sievert.accounts.createAdmin(login: login, by: .console())
                Self.print(created)
            }
        }

        static func print(_ created: CreatedAccount) {
            Console.out(created.enrolmentToken)
            Console.error(
                "created \(created.account.role.rawValue) account \(created.account.id); enrol with the token above "
                    + "(POST /api/v1/auth/enrol) before \(ISO8601DateFormatter().string(from: created.enrolmentExpiresAt)); "
                    + "it will not be shown again")
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account of any role and print a one-time enrolment token.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The login name.") var login: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Organisation codes, comma-separated (org-lead: one or more; lab: one).") var org: String?
        @Option(help: "The person id a wearer account belongs to.") var person: String?

        func run() async throws {
            try await options.withRuntime { runtime in
                let created = try await runtime.sievert.accounts.create(
                    NewAccount(
                        login: login, role: role, organisations: org?.split(separator: ",").map(String.init),
                        person: person),
                    by: .console())
                CreateAdmin.print(created)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.withRuntime { runtime in
                for account in try await runtime.sievert.accounts.list(by: .console()) {
                    Console.out(
                        "\(account.id)\t\(account.login)\t\(account.role.rawValue)\t\(account.status.rawValue)\t"
                            + account.organisations.joined(separator: ","))
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account id.") var id: String

        func run() async throws {
            guard let account = AccountID(id) else { throw ValidationError("\(id) is not an account id") }
            try await options.withRuntime { runtime in
                let view = try await runtime.sievert.accounts.disable(account, by: .console())
                Console.out("disabled \(view.id)")
            }
        }
    }
}

import ArgumentParser
import DoseCore
import SievertApp
import SievertServices

/// `sievert org add|list`: the service's customer organisations.
struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Register and list customer organisations.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an organisation.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "Organisation code: 2-16 letters, digits or '-'.") var code: String
        @Option(help: "The organisation's name.") var name: String
        @Option(help: "One of: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: String
        @Option(help: "Department names, comma-separated.") var departments: String?

        func run() async throws {
            try await options.withRuntime { runtime in
                let organisation = try await runtime.sievert.organisations.register(
                    NewOrganisation(
                        code: code, name: name, kind: kind,
                        departments: departments?.split(separator: ",").map(String.init)),
                    by: .console())
                Console.out("registered \(organisation.code) \(organisation.id)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.withRuntime { runtime in
                for organisation in try await runtime.sievert.organisations.list(by: .console()) {
                    Console.out("\(organisation.code)\t\(organisation.kind.rawValue)\t\(organisation.name)")
                }
            }
        }
    }
}

/// `sievert tokens create`: API access tokens, shown once.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Issue API access tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token; it is printed once and stored hashed.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Organisation code the token is bound to (required for org-lead, wearer, lab).") var org: String?
        @Option(help: "Days until the token expires.") var days: Int = 90

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await options.withRuntime { runtime in
                let issued = try await runtime.sievert.tokens.issue(
                    role: role, organisationCode: org, validFor: days, by: .console())
                Console.out(issued.token)
                Console.error("issued \(issued.id); it will not be shown again")
            }
        }
    }
}

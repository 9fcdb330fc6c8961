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

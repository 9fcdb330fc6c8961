import ArgumentParser
import DoseCore
import SievertApp
import SievertServices

/// `sievert participants assign --person ID [--code CODE]`: the lab's name for a dose record.
struct ParticipantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participants", abstract: "Participant codes: how the lab knows a dose record.",
        subcommands: [Assign.self])

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give each of a person's dose records a random participant code (or adopt an existing one).")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The person id.") var person: String
        @Option(help: "Adopt this code (a record moving from another dosimetry service).") var code: String?

        func run() async throws {
            guard let id = PersonID(person) else { throw ValidationError("\(person) is not a person id") }
            try await options.withRuntime { runtime in
                let codes = try await runtime.sievert.participants.codes(for: id, adopting: code, by: .console())
                for (employment, code) in codes.sorted(by: { $0.value < $1.value }) {
                    Console.out("\(code)\t\(employment)")
                }
            }
        }
    }
}

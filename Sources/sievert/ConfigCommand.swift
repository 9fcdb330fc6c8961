import ArgumentParser
import SievertApp

/// `sievert config reference`: every configuration key, its environment variable, default and meaning.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Describe the configuration.", subcommands: [Reference.self])

    struct Reference: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the configuration reference as Markdown (docs/configuration.md is this output).")

        func run() async throws {
            print(SievertSettings.referenceMarkdown(), terminator: "")
        }
    }
}

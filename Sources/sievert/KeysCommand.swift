import ArgumentParser
import Foundation
import SievertApp
import SievertServices

/// `sievert keys …`: key rotation in Tink's order (add → use for new writes → rewrap → retire), safe while
/// servers run; every step is audited.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Show, rotate and retire the root and organisation keys.",
        subcommands: [Status.self, RotateRoot.self, RotateOrg.self, Rewrap.self, Retire.self, Verify.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every keyset's versions and how many stored keys and values are under each.")

        @OptionGroup var options: GlobalOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let status = try await options.withRuntime { runtime in
                try await runtime.sievert.keyRotation.status(by: .console())
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Console.out(String(decoding: try encoder.encode(status), as: UTF8.self))
                return
            }
            Console.out("keyset\tprimary\tversions\trows by version\tretirable\tto rewrap\tunreadable")
            for keyset in [status.root] + status.organisations {
                let rows = keyset.rowsByVersion.sorted { $0.key < $1.key }.map { "v\($0.key):\($0.value)" }
                Console.out(
                    [
                        keyset.owner, "v\(keyset.primary)", keyset.versions.map { "v\($0)" }.joined(separator: ","),
                        rows.isEmpty ? "-" : rows.joined(separator: ","),
                        keyset.retirable.isEmpty ? "-" : keyset.retirable.map { "v\($0)" }.joined(separator: ","),
                        "\(keyset.remainingToRewrap)", "\(keyset.unreadable)",
                    ].joined(separator: "\t"))
            }
        }
    }

    struct RotateRoot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-root",
            abstract: "Add a root key version, make it primary, wait for running servers, rewrap every key under it.",
            discussion: """
                With a root key file the file is rewritten in place. With SIEVERT_ROOT_KEY or --root-key-command, \
                give --out: the new keyset is written there for you to install in the secret store or key \
                service; then run `sievert keys rewrap` with the new key in place.
                """)

        @OptionGroup var options: GlobalOptions
        @Option(help: "Write the new root keyset here (mode 0600) instead of rewriting the key file.")
        var out: String?

        func run() async throws {
            try await options.withRuntime { runtime in
                let rotation = runtime.sievert.keyRotation
                if let out {
                    guard !FileManager.default.fileExists(atPath: out) else {
                        Console.error("\(out) exists: choose a new file for the new root keyset")
                        throw ExitCode(1)
                    }
                    let next = try await rotation.nextRootKeyset(by: .console())
                    guard
                        FileManager.default.createFile(
                            atPath: out, contents: Data(next.keyFile), attributes: [.posixPermissions: 0o600])
                    else {
                        Console.error("cannot write \(out)")
                        throw ExitCode(1)
                    }
                    Console.out(
                        "root version \(next.version) written to \(out): install it where the root key is read, "
                            + "restart or reload the servers, then run `sievert keys rewrap`")
                    return
                }
                let outcome = try await rotation.rotateRoot(by: .console())
                Console.out("root version \(outcome.version) is primary; \(outcome.rewrapped) keys rewrapped under it")
            }
        }
    }

    struct RotateOrg: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-org",
            abstract:
                "Add a version to an organisation's key, wait for running servers, rewrap its people's keys and re-seal its values."
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The organisation's code.") var code: String

        func run() async throws {
            try await options.withRuntime { runtime in
                let outcome = try await runtime.sievert.keyRotation.rotateOrganisation(code: code, by: .console())
                Console.out(
                    "\(outcome.owner) version \(outcome.version) is primary; \(outcome.rewrapped) keys and values "
                        + "rewrapped or re-sealed under it")
            }
        }
    }

    struct Rewrap: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewrap (or resume rewrapping) under the primary versions: the root's, or one organisation's.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Rewrap this organisation's keys and values instead of the keys under the root.")
        var org: String?

        func run() async throws {
            try await options.withRuntime { runtime in
                let rotation = runtime.sievert.keyRotation
                if let org {
                    let count = try await rotation.rewrapOrganisation(code: org, by: .console())
                    Console.out("\(org): \(count) keys and values rewrapped or re-sealed")
                } else {
                    let count = try await rotation.rewrapUnderRoot(by: .console())
                    Console.out("root: \(count) keys rewrapped")
                }
            }
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Retire a key version once nothing is left under it (the root's, or an organisation's).")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The version to retire, as `keys status` shows it (3 or v3).") var version: String
        @Option(help: "Retire a version of this organisation's key instead of the root's.") var org: String?

        func run() async throws {
            guard let number = UInt32(version.hasPrefix("v") ? String(version.dropFirst()) : version) else {
                Console.error("\(version) is not a key version")
                throw ExitCode(64)
            }
            try await options.withRuntime { runtime in
                let rotation = runtime.sievert.keyRotation
                if let org {
                    try await rotation.retireOrganisation(code: org, version: number, by: .console())
                } else {
                    try await rotation.retireRoot(version: number, by: .console())
                }
                Console.out("\(org ?? "root") version \(number) retired")
            }
        }
    }
}

extension KeysCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Unwrap every stored key and open every value sealed under an organisation key (exit 3 on any failure)."
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let result = try await options.withRuntime { runtime in
                try await runtime.sievert.keyRotation.verify(by: .console())
            }
            Console.out("\(result.keys) keys unwrapped, \(result.values) sealed values opened")
            guard result.failures.isEmpty else {
                for failure in result.failures { Console.error("cannot open: \(failure)") }
                throw ExitCode(3)
            }
        }
    }
}

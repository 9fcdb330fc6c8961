import ArgumentParser
import DoseCore
import Foundation
import SievertApp
import SievertServices
import SievertStorage

/// `sievert tokens create|list|revoke`: API access tokens, shown once, stored hashed, revocable.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Issue, list and revoke API access tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

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

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.withRuntime { runtime in
                for token in try await runtime.sievert.tokens.list(by: .console()) {
                    let state =
                        token.revokedAt != nil
                        ? "revoked" : token.expiresAt.map { $0 < Date() ? "expired" : "active" } ?? "active"
                    Console.out("\(token.id)\t\(token.role)\t\(token.organisation?.description ?? "-")\t\(state)")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The token's id (tok_…), as listed.") var id: String

        func run() async throws {
            try await options.withRuntime { runtime in
                let token = try await runtime.sievert.tokens.revoke(id, by: .console())
                Console.out("revoked \(token.id)")
            }
        }
    }
}

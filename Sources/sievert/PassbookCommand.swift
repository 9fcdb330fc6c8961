import ArgumentParser
import DoseCore
import Foundation
import Passbook
import SievertApp
import SievertServices

/// `sievert passbook issue | verify`: a classified worker's radiation passbook, issued from the record or checked.
struct PassbookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passbook", abstract: "Radiation passbooks of classified outside workers.",
        subcommands: [Issue.self, Verify.self])

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a classified worker's passbook from their dose record, signed with the passbook key.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "The person id.") var person: String
        @Option(help: "Write the passbook to this new file (mode 0600).") var out: String

        func run() async throws {
            guard let id = PersonID(person) else { throw ValidationError("\(person) is not a person id") }
            try PrivateOutput.refuseExisting(out)
            let passbook = try await options.withRuntime { runtime in
                try await runtime.sievert.passbooks.issue(for: id, by: .console(requestID: "passbook-issue"))
            }
            try PrivateOutput.write(Array(passbook.text.utf8), to: out)
            Console.out("\(out): passbook \(passbook.serial), \(passbook.entries) entries")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a passbook's signatures and chain (exit 3 when not authentic, 1 when unreadable).")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The passbook file.") var file: String
        @Option(
            name: .customLong("public-key"),
            help: "The issuing service's public key (base64). Default: this service's passbook key.")
        var publicKey: String?

        func run() async throws {
            let verifier = try loadVerifier()
            guard let bytes = Self.read(file, limit: SignedPassbook.maximumBytes + 1) else {
                Console.error("\(file): cannot read the file")
                throw ExitCode(1)
            }
            let verification = verifier.verify(bytes: bytes)
            guard let passbook = verification.passbook else {
                let verdict = verification.verdict
                Console.error("\(file):\(verdict.line ?? 1): \(verdict.reason)")
                if case .malformed = verdict { throw ExitCode(1) }
                throw ExitCode(3)
            }
            // Serial and counts only: the holder's identity stays in the file.
            Console.out(
                "\(file): ok: passbook \(passbook.holder.serial), \(passbook.entries.count) entries, sealed "
                    + "\(passbook.sealedAt.formatted(.iso8601)), key \(PassbookVerifier.keyIDText(passbook.keyID))")
        }

        private func loadVerifier() throws -> PassbookVerifier {
            if let publicKey {
                guard let bytes = Self.read(publicKey, limit: 1024) else {
                    Console.error("\(publicKey): cannot read the file")
                    throw ExitCode(1)
                }
                do {
                    return try PassbookVerifier(publicKeyFile: bytes)
                } catch {
                    Console.error("\(publicKey): \(error.reason)")
                    throw ExitCode(1)
                }
            }
            let settings = options.settings()
            do {
                if let verifier = try PassbookKeys.verifier(settings) { return verifier }
            } catch {
                Console.error("\(error)")
                throw ExitCode(1)
            }
            Console.error(
                "no --public-key given and no passbook key file at "
                    + (settings.passbookKeyFile ?? settings.developmentPassbookKeyFile))
            throw ExitCode(1)
        }

        /// At most `limit` bytes of `path`, so a huge file is refused by the parser without being read whole.
        private static func read(_ path: String, limit: Int) -> [UInt8]? {
            guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: limit)).map { Array($0) }
        }

    }
}

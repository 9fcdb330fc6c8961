import ArgumentParser
import Foundation
import Logging
import SievertApp
import SievertServices
import Synchronization

/// Options every command takes. Flags win over `SIEVERT_*` environment variables, which win over defaults.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (default ./.sievert).")
    var dataDirectory: String?

    @Option(
        name: .customLong("root-key-file"),
        help: "Root keyset file (default: the development key in the data directory).")
    var rootKeyFile: String?

    @Option(
        name: .customLong("root-key-command"),
        help: "A command that prints the root keyset (an external key service's client); see README.")
    var rootKeyCommand: String?

    @Option(
        name: .customLong("postgres-url"),
        help: "Use PostgreSQL (application role) instead of the embedded SQLite store.")
    var postgresURL: String?

    @Option(name: .customLong("postgres-owner-url"), help: "PostgreSQL owner role URL, used to run migrations.")
    var postgresOwnerURL: String?

    @Option(
        name: .customLong("postgres-replica-url"),
        help: "PostgreSQL replica (application role) that serves report reads (default: the primary).")
    var postgresReplicaURL: String?

    @Option(
        name: .customLong("ledger-key-file"),
        help: "Ed25519 key that signs audit checkpoints (default: development key).")
    var ledgerKeyFile: String?

    @Option(
        name: .customLong("passbook-key-file"),
        help: "Ed25519 key that signs radiation passbooks (default: development key).")
    var passbookKeyFile: String?

    @Option(
        name: .customLong("witness-dir"), help: "Directory outside the data directory for signed audit checkpoints.")
    var witnessDirectory: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    @Flag(name: .customLong("production"), help: "Refuse development keys, tokens and demo data.")
    var production = false

    var flags: [String: String] {
        var flags: [String: String] = [:]
        flags["data.dir"] = dataDirectory
        flags["root.key.file"] = rootKeyFile
        flags["root.key.command"] = rootKeyCommand
        flags["postgres.url"] = postgresURL
        flags["postgres.owner.url"] = postgresOwnerURL
        flags["postgres.replica.url"] = postgresReplicaURL
        flags["log.level"] = logLevel
        flags["ledger.key.file"] = ledgerKeyFile
        flags["witness.dir"] = witnessDirectory
        flags["passbook.key.file"] = passbookKeyFile
        if production { flags["production"] = "true" }
        return flags
    }

    func settings(extra: [String: String] = [:]) -> SievertSettings {
        SievertSettings.from(flags: flags.merging(extra) { $1 })
    }

    /// Opens the runtime, turning setup failures into a clean exit with the reason.
    func runtime(extra: [String: String] = [:]) async throws -> SievertRuntime {
        let settings = settings(extra: extra)
        LoggingSystem.bootstrapOnce(level: settings.logLevel)
        var logger = Logger(label: "sievert")
        logger.logLevel = settings.logLevel
        do {
            return try await SievertRuntime.open(settings, logger: logger)
        } catch {
            Console.error("cannot start: \(error)")
            throw ExitCode(2)
        }
    }
}

extension GlobalOptions {
    /// Runs `body` with an open runtime and closes it afterwards. Use-case errors are printed with their
    /// reason and end the process with exit code 1.
    func withRuntime<T>(extra: [String: String] = [:], _ body: (SievertRuntime) async throws -> T) async throws -> T {
        let runtime = try await runtime(extra: extra)
        do {
            let result = try await body(runtime)
            await runtime.close()
            return result
        } catch let error as ServiceError {
            await runtime.close()
            Console.error(error.description)
            throw ExitCode(1)
        } catch {
            await runtime.close()
            throw error
        }
    }
}

/// Writing to the terminal: results to standard output, errors and progress to standard error.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("sievert: " + message + "\n").utf8))
    }

    /// A summary for the operator that is not the command's output (which may be piped to a file).
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func progress(_ message: String) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        FileHandle.standardError.write(Data(("\r" + message).utf8))
    }

    static func out(_ message: String) {
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }
}

private let loggingBootstrapped = Mutex(false)

extension LoggingSystem {
    /// Logs go to standard error, so command output on standard output stays clean for pipes.
    static func bootstrapOnce(level: Logger.Level) {
        let first = loggingBootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

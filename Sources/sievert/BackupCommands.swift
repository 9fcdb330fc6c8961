import ArgumentParser
import BackupFormat
import Foundation
import Ledger
import Logging
import SievertApp
import SievertServices

/// `sievert backup --to DIR`: an encrypted, consistent backup of the store, made while the service runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Make an encrypted, consistent backup of the store while the service keeps running.",
        discussion: """
            The backup is sealed under keys derived from the root key: keep the root key file apart from the \
            backup, or the backup cannot be opened.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("to"), help: "A new or empty directory to write the backup into.")
    var directory: String

    func run() async throws {
        try await options.withRuntime { runtime in
            let report: StoreBackup.Report
            do {
                report = try await StoreBackup.run(runtime, to: directory)
            } catch let failure as BackupFailure {
                Console.error("backup \(failure.kind == .failed ? "failed" : "refused"): \(failure.description)")
                throw ExitCode(failure.exitCode)
            } catch {
                Console.error("backup failed: \(error)")
                throw ExitCode(1)
            }
            let manifest = report.manifest
            Console.out("backup \(manifest.backupID.uuidString.lowercased()) written to \(report.directory)")
            for file in manifest.files {
                Console.out("  \(file.name): \(file.bytes) bytes, SHA-256 \(file.sha256)")
            }
            Console.out(
                "  \(manifest.counts.people) people, \(manifest.counts.doseEntries) dose entries, "
                    + "\(manifest.counts.auditEvents) audit events (\(manifest.store.rawValue), schema "
                    + "\(manifest.schemaVersion)); audit checkpoint of \(report.checkpointSize) events")
            Console.note(
                "sealed under root key v\(manifest.rootKeyVersion): keep the root key file apart from the backup")
        }
    }
}

/// `sievert restore --from DIR`: a backup into the new, empty store the settings name, checked whole first.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into a new, empty store (checked whole before anything is written).",
        discussion: """
            Give the root key the backup was made under with --root-key-file. Exit status 3 when the backup is not \
            authentic or not complete (a wrong root key, an edited manifest or file, a missing file), 1 when the \
            target is not empty or another step fails; the target is then left as it was.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("from"), help: "The backup's directory.")
    var directory: String

    func run() async throws {
        let settings = options.settings()
        LoggingSystem.bootstrapOnce(level: settings.logLevel)
        var logger = Logger(label: "sievert")
        logger.logLevel = settings.logLevel
        let report: StoreRestore.Report
        do {
            report = try await StoreRestore.run(settings, from: directory, logger: logger)
        } catch let failure as BackupFailure {
            Console.error("restore \(failure.kind == .failed ? "failed" : "refused"): \(failure.description)")
            throw ExitCode(failure.exitCode)
        } catch {
            Console.error("restore failed: \(error)")
            throw ExitCode(1)
        }
        let manifest = report.manifest
        let ledger = report.ledger
        Console.out(
            "restored backup \(manifest.backupID.uuidString.lowercased()) (\(manifest.store.rawValue), made "
                + "\(manifest.createdAt.formatted(.iso8601))): \(manifest.counts.people) people, "
                + "\(manifest.counts.doseEntries) dose entries, \(manifest.counts.auditEvents) audit events")
        Console.out(
            "audit ledger verified: the backup's checkpoint of \(ledger.checkpointSize) events is a prefix of the "
                + "restored \(ledger.storedEvents) (consistency proof of \(ledger.consistency?.hashes.count ?? 0) "
                + "hashes)")
        for warning in report.warnings { Console.note("warning: \(warning)") }
    }
}

extension BackupFailure {
    /// 3 when the backup is not authentic or not complete (as `audit verify` answers a tampered log), else 1.
    var exitCode: Int32 { kind == .notAuthentic ? 3 : 1 }
}

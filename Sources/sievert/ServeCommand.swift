import ArgumentParser
import Hummingbird
import Logging
import SievertApp
import SievertServices

/// `sievert serve`: the HTTP server over the configured store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP server.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var hostname: String?

    @Option(help: "Port to listen on (default 8080).")
    var port: Int?

    @Flag(name: .customLong("no-demo"), help: "Do not seed demo data into an empty development store.")
    var noDemo = false

    func run() async throws {
        var extra: [String: String] = [:]
        extra["http.hostname"] = hostname
        extra["http.port"] = port.map(String.init)
        if noDemo { extra["demo"] = "false" }
        try await options.withRuntime(extra: extra) { runtime in
            try await runtime.prepareDevelopment()
            runtime.logger.notice(
                "listening", metadata: ["address": "\(runtime.settings.hostname):\(runtime.settings.port)"])
            if runtime.settings.production && runtime.settings.metricsToken == nil {
                runtime.logger.notice(
                    "/metrics answers without a token: keep the listener internal, or set SIEVERT_METRICS_TOKEN")
            }
            try await runtime.ledger.checkpoint()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await runtime.application().runService() }
                group.addTask {
                    // Checkpoint the audit log regularly, so the witness is never far behind the database.
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(runtime.settings.checkpointInterval))
                        do {
                            try await runtime.ledger.checkpoint()
                        } catch {
                            runtime.logger.error(
                                "audit checkpoint failed", metadata: ["error.type": "\(type(of: error))"])
                        }
                    }
                }
                // Send waiting notices regularly; without a relay they wait in the outbox (and this task would
                // end at once, which `group.next()` below would take for the server stopping).
                if runtime.settings.mailRelayURL != nil {
                    group.addTask {
                        while !Task.isCancelled {
                            do {
                                _ = try await runtime.deliverMail()
                            } catch {
                                runtime.logger.error(
                                    "mail delivery failed", metadata: ["error.type": "\(type(of: error))"])
                            }
                            try await Task.sleep(for: .seconds(runtime.settings.mailInterval))
                        }
                    }
                }
                // The retention job: a dry run that reports unless `retention.apply` is set.
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(runtime.settings.retentionIntervalHours * 3600))
                        do {
                            _ = try await runtime.runRetention(apply: runtime.settings.retentionApply)
                        } catch {
                            runtime.logger.error(
                                "retention job failed", metadata: ["error.type": "\(type(of: error))"])
                        }
                    }
                }
                // The server returns on SIGTERM or SIGINT; then stop checkpointing too.
                try await group.next()
                group.cancelAll()
            }
            try await runtime.ledger.checkpoint()
        }
    }
}

/// `sievert migrate`: bring the store's schema up to date and exit.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply schema migrations.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await options.withRuntime { _ in Console.out("schema up to date") }
    }
}

/// `sievert demo`: seed the demo organisations and synthetic people.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Seed demo organisations with synthetic people (invented names).")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Multiply the demo organisations' sizes.")
    var scale: Double = 1

    func run() async throws {
        try await options.withRuntime { runtime in
            let outcome = try await runtime.sievert.demo.seed(scale: scale, by: .console())
            Console.out("seeded \(outcome.organisations) organisations and \(outcome.people) people")
        }
    }
}

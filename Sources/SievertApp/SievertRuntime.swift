import DoseCore
import Foundation
import Hummingbird
import Logging
import SievertHTTP
import SievertPostgres
import SievertSQLite
import SievertServices
import SievertStorage

/// The composition root: settings → root key → store (migrated) → use cases. Both `serve` and every
/// CLI command open one of these; tests open one with in-memory settings.
public struct SievertRuntime: Sendable {
    public let settings: SievertSettings
    public let sievert: Sievert
    /// The audit log as a ledger: checkpoints and verification.
    public let ledger: AuditLedger
    public let logger: Logger

    /// Opens the store named by the settings, running migrations first, and wires the services.
    ///
    /// `clock` and `sleep` are seams for tests of timeouts and throttling; the defaults are the real ones.
    public static func open(
        _ settings: SievertSettings, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) async throws -> SievertRuntime {
        // Before any service runs, so the counters they make record into the registry `/metrics` shows.
        SievertMetricsSystem.bootstrap()
        try FileSystem.createPrivateDirectory(settings.dataDirectory)
        let root = try RootKeyLoader.source(settings, logger: logger)
        let signer = try LedgerSetup.signer(settings, logger: logger)
        let witness = try LedgerSetup.witness(settings)
        let store = try await openStore(settings, logger: logger)
        do {
            let sievert = try await Sievert.open(
                store: store, root: root, expectedPopulation: settings.expectedPopulation,
                security: settings.securityPolicy(logger: logger, sleep: sleep),
                notifications: NotificationPolicy(from: settings.mailFrom, logger: logger),
                passbooks: PassbookPolicy(
                    // Production names its key file or issues no passbooks; development generates one.
                    signer: settings.production && settings.passbookKeyFile == nil
                        ? nil : try PassbookKeys.signer(settings, logger: logger)),
                clock: clock)
            let ledger = AuditLedger(store: store, signer: signer, witness: witness, clock: clock)
            return SievertRuntime(settings: settings, sievert: sievert, ledger: ledger, logger: logger)
        } catch {
            try? await store.close()
            throw error
        }
    }

    static func openStore(_ settings: SievertSettings, logger: Logger) async throws -> any RecordStore {
        guard let text = settings.postgresURL else {
            return try SQLiteRecordStore(path: settings.sqlitePath)
        }
        let url = try PostgresURL(text)
        // postgres-nio logs queries with their bound values at debug level: keep its logger above that.
        var driverLogger = logger
        driverLogger.logLevel = max(logger.logLevel, .notice)
        try await PostgresMigrator.migrate(
            ownerURL: try settings.postgresOwnerURL.map(PostgresURL.init) ?? url,
            applicationRole: settings.postgresApplicationRole, logger: driverLogger)
        return PostgresRecordStore(
            url: url, replicaURL: try settings.postgresReplicaURL.map(PostgresURL.init),
            pool: PostgresPoolOptions(
                maximumConnections: settings.postgresPoolSize, minimumConnections: settings.postgresPoolMinimum,
                idleTimeout: .seconds(settings.postgresPoolIdleTimeout)),
            logger: driverLogger)
    }

    /// Development conveniences on an empty store: demo organisations and people, and an admin token
    /// written to the data directory (mode 0600). Never in production.
    public func prepareDevelopment() async throws {
        guard !settings.production else { return }
        let console = Caller.console(requestID: "startup")
        if settings.demo, try await sievert.organisations.list(by: console).isEmpty {
            let outcome = try await sievert.demo.seed(by: console)
            let code = SyntheticPopulation.demoOrganisations[0].code
            let activity = try await sievert.seedDemoActivity(
                organisation: code, today: CalendarDate(Date()), by: console)
            logger.notice(
                "seeded demo data",
                metadata: [
                    "organisations": "\(outcome.organisations)", "people": "\(outcome.people)",
                    "readings": "\(activity.readings)",
                ])
            // One account per role to try the portal with; their enrolment links go to a private file.
            let accounts = try await sievert.createDemoAccounts(
                organisation: code, wearer: activity.wearer, by: console)
            let base = "http://\(settings.hostname):\(settings.port)/enrol?token="
            let text = accounts.map { "\($0.role.rawValue)\t\($0.login)\t\(base)\($0.token)" }.joined(separator: "\n")
            try FileSystem.writePrivate(Array((text + "\n").utf8), to: settings.developmentAccountsFile)
            logger.warning(
                "development accounts created; open an enrolment link to set a password (valid 72 hours)",
                metadata: ["path": "\(settings.developmentAccountsFile)"])
        }
        if !FileManager.default.fileExists(atPath: settings.developmentTokenFile) {
            let issued = try await sievert.tokens.issue(
                role: .rpsAdmin, organisationCode: nil, validFor: 30, by: console)
            try FileSystem.writePrivate(Array((issued.token + "\n").utf8), to: settings.developmentTokenFile)
            logger.warning(
                "development admin token written (valid 30 days)",
                metadata: ["path": "\(settings.developmentTokenFile)"])
        }
    }

    /// The HTTP application over these services.
    public func application() -> some ApplicationProtocol {
        Application(
            router: buildRouter(
                sievert, ledger: ledger,
                metrics: MetricsExposition(registry: SievertMetricsSystem.registry, token: settings.metricsToken)),
            configuration: .init(address: .hostname(settings.hostname, port: settings.port), serverName: nil),
            logger: logger)
    }

    /// Closes the store.
    public func close() async {
        try? await sievert.store.close()
    }
}

import Configuration
import Foundation
import Logging
import SievertServices

/// Every setting, read once through swift-configuration: command-line flags, then `SIEVERT_*`
/// environment variables, then defaults. Secrets (database URLs) are read as secrets.
public struct SievertSettings: Sendable {
    public var dataDirectory: String
    /// The root key file; nil means the development key under the data directory.
    public var rootKeyFile: String?
    /// The root keyset itself (a keyset file's text), from the `SIEVERT_ROOT_KEY` secret.
    public var rootKey: String?
    /// A command that prints the root keyset (an external key service's client).
    public var rootKeyCommand: String?
    public var postgresURL: String?
    /// The owner role's URL, used only to run migrations; defaults to `postgresURL`.
    public var postgresOwnerURL: String?
    public var postgresApplicationRole: String
    public var postgresPoolSize: Int
    /// Connections each PostgreSQL pool keeps open while idle.
    public var postgresPoolMinimum: Int
    /// Seconds a connection above the pool's minimum may stay unused before it is closed.
    public var postgresPoolIdleTimeout: Int
    /// A streaming replica (application role) that serves report reads; nil sends them to `postgresURL`.
    public var postgresReplicaURL: String?
    public var hostname: String
    public var port: Int
    public var production: Bool
    /// Seed demonstration data into an empty development store.
    public var demo: Bool
    public var logLevel: Logger.Level
    /// The Ed25519 key that signs audit checkpoints; nil means the development key under the data directory.
    public var ledgerKeyFile: String?
    /// The Ed25519 key that signs radiation passbooks; nil means the development key under the data directory.
    public var passbookKeyFile: String?
    /// Where signed checkpoints are witnessed; nil means `<data directory>-witness` (development only).
    public var witnessDirectory: String?
    /// Seconds between checkpoints while serving.
    public var checkpointInterval: Int
    /// Population the blind-index widths are planned for (CipherSweet's bound).
    public var expectedPopulation: Int
    /// bcrypt cost for passwords (at least 12).
    public var bcryptCost: Int
    /// Failed sign-ins per login name per hour before it is locked (at most 100).
    public var maxFailuresPerAccount: Int
    /// Failed sign-ins per client address per hour.
    public var maxFailuresPerAddress: Int
    /// Distinct people one principal may read in an hour before a volume alert.
    public var alertPeoplePerHour: Int
    /// Rows one export may write before an export alert.
    public var alertExportRows: Int
    /// The SMTP relay for notices, e.g. `smtp://relay.example.org:587` (credentials in the URL make it a secret);
    /// nil keeps notices waiting in the outbox.
    public var mailRelayURL: String?
    /// The sender address of notices.
    public var mailFrom: String
    /// Seconds between deliveries of waiting notices.
    public var mailInterval: Int
    /// Hours between runs of the retention job while serving.
    public var retentionIntervalHours: Int
    /// Whether the scheduled retention job shreds what is due (false: it only reports).
    public var retentionApply: Bool
    /// Where the retention job writes its reports; nil means `<data directory>/retention`.
    public var retentionReportDirectory: String?
    /// The bearer token `/metrics` asks for; nil leaves it open to whoever reaches the listener.
    public var metricsToken: String?

    /// Reads settings from `reader` (keys like `data.dir`, environment `SIEVERT_DATA_DIR`).
    public init(reader: ConfigReader) {
        let config = reader.scoped(to: "sievert")
        dataDirectory = config.string(forKey: "data.dir", default: "./.sievert")
        rootKeyFile = config.string(forKey: "root.key.file")
        rootKey = config.string(forKey: "root.key", isSecret: true)
        rootKeyCommand = config.string(forKey: "root.key.command")
        postgresURL = config.string(forKey: "postgres.url", isSecret: true)
        postgresOwnerURL = config.string(forKey: "postgres.owner.url", isSecret: true)
        postgresApplicationRole = config.string(forKey: "postgres.app.role", default: "sievert_app")
        postgresPoolSize = Self.int(config, "postgres.pool.size", default: 8)
        postgresPoolMinimum = Self.int(config, "postgres.pool.min", default: 0)
        postgresPoolIdleTimeout = Self.int(config, "postgres.pool.idle.timeout", default: 60)
        postgresReplicaURL = config.string(forKey: "postgres.replica.url", isSecret: true)
        hostname = config.string(forKey: "http.hostname", default: "127.0.0.1")
        port = Self.int(config, "http.port", default: 8080)
        production = Self.bool(config, "production", default: false)
        demo = Self.bool(config, "demo", default: true)
        logLevel = Logger.Level(rawValue: config.string(forKey: "log.level", default: "info")) ?? .info
        expectedPopulation = Self.int(config, "blind.index.population", default: 2_000_000)
        ledgerKeyFile = config.string(forKey: "ledger.key.file")
        witnessDirectory = config.string(forKey: "witness.dir")
        passbookKeyFile = config.string(forKey: "passbook.key.file")
        checkpointInterval = max(1, Self.int(config, "checkpoint.interval", default: 60))
        bcryptCost = max(12, min(Self.int(config, "auth.bcrypt.cost", default: 12), 16))
        maxFailuresPerAccount = max(1, min(Self.int(config, "auth.max.failures.account", default: 100), 100))
        maxFailuresPerAddress = max(1, Self.int(config, "auth.max.failures.address", default: 300))
        alertPeoplePerHour = max(1, Self.int(config, "alert.people.per.hour", default: 500))
        alertExportRows = max(1, Self.int(config, "alert.export.rows", default: 5_000))
        mailRelayURL = config.string(forKey: "mail.relay.url", isSecret: true)
        mailFrom = config.string(forKey: "mail.from", default: "sievert@localhost")
        mailInterval = max(1, Self.int(config, "mail.interval", default: 30))
        retentionIntervalHours = max(1, Self.int(config, "retention.interval.hours", default: 24))
        retentionApply = Self.bool(config, "retention.apply", default: false)
        retentionReportDirectory = config.string(forKey: "retention.report.dir")
        metricsToken = config.string(forKey: "metrics.token", isSecret: true).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The security policy these settings describe.
    public func securityPolicy(
        logger: Logger, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) -> SecurityPolicy {
        SecurityPolicy(
            bcryptCost: UInt8(bcryptCost),
            throttle: LoginThrottlePolicy(
                maxFailuresPerAccount: maxFailuresPerAccount, maxFailuresPerAddress: maxFailuresPerAddress),
            detection: DetectionPolicy(peoplePerHour: alertPeoplePerHour, exportRows: alertExportRows),
            logger: logger, sleep: sleep)
    }

    // Flags and environment variables both arrive as text; parse numbers and switches in one place.
    private static func int(_ config: ConfigReader, _ key: ConfigKey, default value: Int) -> Int {
        config.string(forKey: key).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? value
    }

    private static func bool(_ config: ConfigReader, _ key: ConfigKey, default value: Bool) -> Bool {
        switch config.string(forKey: key)?.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: value
        }
    }

    /// Settings from explicit values (flags) over the process environment.
    public static func from(
        flags: [String: String], environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> SievertSettings
    {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in flags {
            values[AbsoluteConfigKey(["sievert"] + key.split(separator: ".").map(String.init))] = ConfigValue(
                .string(value), isSecret: key.hasSuffix(".url") || reference.contains { $0.key == key && $0.secret })
        }
        return SievertSettings(
            reader: ConfigReader(providers: [
                InMemoryProvider(name: "flags", values: values),
                EnvironmentVariablesProvider(
                    environmentVariables: environment,
                    secretsSpecifier: .specific(Set(secretEnvironmentVariables))),
            ]))
    }

    /// The SQLite database file under the data directory.
    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("sievert.sqlite") }
    /// Where the development root key lives when no key file is given.
    public var developmentKeyFile: String {
        (dataDirectory as NSString).appendingPathComponent("keys/root.keyset")
    }
    /// Where the development checkpoint-signing key lives when no key file is given.
    public var developmentLedgerKeyFile: String {
        (dataDirectory as NSString).appendingPathComponent("keys/ledger-signing.key")
    }
    /// Where the development passbook-signing key lives when no key file is given.
    public var developmentPassbookKeyFile: String {
        (dataDirectory as NSString).appendingPathComponent("keys/passbook-signing.key")
    }
    /// The witness directory in force.
    public var effectiveWitnessDirectory: String {
        witnessDirectory ?? (dataDirectory.hasSuffix("/") ? String(dataDirectory.dropLast()) : dataDirectory)
            + "-witness"
    }
    /// Where retention reports go.
    public var effectiveRetentionReportDirectory: String {
        retentionReportDirectory ?? (dataDirectory as NSString).appendingPathComponent("retention")
    }
    /// Where the development accounts' enrolment links are written on first start.
    public var developmentAccountsFile: String {
        (dataDirectory as NSString).appendingPathComponent("dev-accounts")
    }
    /// Where the development admin token is written on first start.
    public var developmentTokenFile: String {
        (dataDirectory as NSString).appendingPathComponent("dev-admin-token")
    }
}

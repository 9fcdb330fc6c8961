import Foundation

/// One configuration key as the reference documents it.
public struct SettingReference: Sendable, Hashable {
    /// The key under `sievert.`, e.g. `data.dir`.
    public let key: String
    /// The default, as text (empty: none).
    public let defaultValue: String
    /// Read as a secret: never logged or printed.
    public let secret: Bool
    public let summary: String

    /// The environment variable that sets it: `SIEVERT_` and the key in capitals, dots as underscores.
    public var environmentVariable: String {
        "SIEVERT_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    init(_ key: String, _ defaultValue: String, secret: Bool = false, _ summary: String) {
        self.key = key
        self.defaultValue = defaultValue
        self.secret = secret
        self.summary = summary
    }
}

extension SievertSettings {
    /// Every key ``init(reader:)`` reads, in the order the reference lists them. A test checks this table against
    /// the keys actually read, and `docs/configuration.md` against ``referenceMarkdown()``.
    public static let reference: [SettingReference] = [
        .init("data.dir", "./.sievert", "Data directory: the SQLite store, development keys, retention reports."),
        .init(
            "production", "false",
            "Refuse development keys, tokens and demo data; require key files outside the data directory."),
        .init("demo", "true", "Seed demonstration data into an empty development store."),
        .init(
            "log.level", "info",
            "trace, debug, info, notice, warning, error or critical. Logs never carry personal data."),
        .init("http.hostname", "127.0.0.1", "Address the server listens on."),
        .init("http.port", "8080", "Port the server listens on."),
        .init(
            "root.key.file", "",
            "Root keyset file (mode 0600, outside the data directory in production). Rotation rewrites it in place."),
        .init(
            "root.key", "", secret: true, "The root keyset itself (a keyset file's text), e.g. from a secrets manager."),
        .init(
            "root.key.command", "",
            "A command printing the root keyset: the plug-in point for an external key service (README: Keys)."),
        .init(
            "postgres.url", "", secret: true,
            "PostgreSQL URL of the application role; without it the embedded SQLite store is used."),
        .init(
            "postgres.owner.url", "", secret: true,
            "PostgreSQL URL of the owner role, used only to run migrations (default: postgres.url)."),
        .init("postgres.app.role", "sievert_app", "The application role migrations grant rights to."),
        .init("postgres.pool.size", "8", "Most connections each PostgreSQL pool opens (per server process)."),
        .init("postgres.pool.min", "0", "Connections each PostgreSQL pool keeps open while idle."),
        .init(
            "postgres.pool.idle.timeout", "60",
            "Seconds a connection above the pool's minimum may stay unused before it is closed."),
        .init(
            "postgres.replica.url", "", secret: true,
            "PostgreSQL URL (application role) of a streaming replica that serves report reads (default: the primary)."),
        .init(
            "blind.index.population", "2000000",
            "Population the blind-index widths are planned for (CipherSweet's bound)."),
        .init(
            "ledger.key.file", "",
            "Ed25519 key that signs audit checkpoints (default: a development key in the data directory)."),
        .init(
            "witness.dir", "",
            "Where signed checkpoints are witnessed (default: <data dir>-witness; outside the data directory in production)."
        ),
        .init("checkpoint.interval", "60", "Seconds between audit checkpoints while serving."),
        .init("passbook.key.file", "", "Ed25519 key that signs radiation passbooks (default: a development key)."),
        .init("auth.bcrypt.cost", "12", "bcrypt cost for passwords (12 to 16)."),
        .init(
            "auth.max.failures.account", "100",
            "Failed sign-ins per login name per hour before it is locked (at most 100)."),
        .init("auth.max.failures.address", "300", "Failed sign-ins per client address per hour."),
        .init(
            "alert.people.per.hour", "500", "Distinct people one principal may read in an hour before a volume alert."),
        .init("alert.export.rows", "5000", "Rows one export may write before an export alert."),
        .init(
            "mail.relay.url", "", secret: true,
            "SMTP relay for notices, e.g. smtp://relay.example.org:587; without it notices wait in the outbox."),
        .init("mail.from", "sievert@localhost", "Sender address of notices."),
        .init("mail.interval", "30", "Seconds between deliveries of waiting notices."),
        .init("retention.interval.hours", "24", "Hours between runs of the retention job while serving."),
        .init(
            "retention.apply", "false", "Let the scheduled retention job shred what is due (otherwise it only reports)."
        ),
        .init(
            "metrics.token", "", secret: true,
            "Bearer token /metrics asks for; without it /metrics is open to whoever reaches the listener."),
        .init("retention.report.dir", "", "Where retention reports are written (default: <data dir>/retention)."),
    ]

    /// The environment variables read as secrets.
    static var secretEnvironmentVariables: [String] {
        reference.filter(\.secret).map(\.environmentVariable)
    }

    /// The configuration reference as Markdown: what `docs/configuration.md` holds.
    public static func referenceMarkdown() -> String {
        var lines = [
            "# Configuration reference",
            "",
            "Generated by `sievert config reference` from the keys the server reads; a test keeps the two equal.",
            "Each key is read from a command-line flag where one exists (`sievert --help`), then from its",
            "environment variable, then its default. Secrets are never logged or printed.",
            "",
            "| Key | Environment variable | Default | Meaning |",
            "|---|---|---|---|",
        ]
        for setting in reference {
            let value = setting.defaultValue.isEmpty ? "–" : "`\(setting.defaultValue)`"
            lines.append(
                "| `\(setting.key)` | `\(setting.environmentVariable)`\(setting.secret ? " (secret)" : "") | \(value) | "
                    + "\(setting.summary.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

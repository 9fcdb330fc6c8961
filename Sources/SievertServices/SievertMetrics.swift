import DoseCore

/// Every metric Sievert exposes at `/metrics`, by name: the one place a metric is named (like SPI's `AppMetrics`).
///
/// Labels carry route patterns, status codes and fixed vocabularies only: never a person, an organisation, an id
/// or a value from a request, so the page holds nothing personal and nothing that tells tenants apart.
public enum SievertMetrics {
    // MARK: HTTP (recorded by Hummingbird's `MetricsMiddleware`, renamed by `hummingbirdNames`)

    /// Requests answered, by `route` (the route's pattern, e.g. `/api/v1/people/{id}`), `method` and `status`.
    public static let httpRequests = "sievert_http_requests_total"
    /// Requests that ended in an error thrown past the router, by `route`, `method` and `status`: none do, since
    /// errors are answered as problem documents and error pages inside it, so errors show in `httpRequests`' status.
    public static let httpRequestErrors = "sievert_http_request_errors_total"
    /// Request duration histogram in seconds, by `route`, `method` and `status`.
    public static let httpRequestDuration = "sievert_http_request_duration_seconds"
    /// Requests in progress, by `method`.
    public static let httpActiveRequests = "sievert_http_active_requests"

    // MARK: imports

    /// Rows of imported files, by `kind` (`ImportKind`) and `outcome` (`ImportOutcome`).
    public static let importRows = "sievert_import_rows_total"

    // MARK: alerts

    /// Dose alerts raised by the limit check, by `kind` (`doseAlertKind(_:)`).
    public static let doseAlerts = "sievert_dose_alerts_total"
    /// Security alerts raised by the access monitor, by `rule` (`alert.canary`, `alert.volume`, `alert.export`).
    public static let securityAlerts = "sievert_security_alerts_total"

    // MARK: audit ledger (set from the store each time `/metrics` is read)

    /// Events in the audit ledger.
    public static let ledgerEvents = "sievert_audit_ledger_events"
    /// Events covered by the latest witnessed checkpoint.
    public static let ledgerCheckpointedEvents = "sievert_audit_checkpointed_events"
    /// Seconds since the latest witnessed checkpoint was signed; absent before the first checkpoint.
    public static let ledgerCheckpointAge = "sievert_audit_checkpoint_age_seconds"

    /// Hummingbird's metric labels and dimension keys (OpenTelemetry-style) → the names above.
    public static let hummingbirdNames: [String: String] = [
        "hb.requests": httpRequests,
        "hb.request.errors": httpRequestErrors,
        "http.server.request.duration": httpRequestDuration,
        "http.server.active_requests": httpActiveRequests,
    ]
    /// Hummingbird's dimension keys → the label names above.
    public static let hummingbirdLabels: [String: String] = [
        "http.route": "route",
        "http.request.method": "method",
        "http.response.status_code": "status",
        // The errors counter names the status it answered `error.type`.
        "error.type": "status",
    ]

    /// What an import read.
    public enum ImportKind: String, Sendable {
        /// The people CSV.
        case people
        /// A lab's reading file or JSON batch.
        case readings
    }

    /// What became of an imported row.
    public enum ImportOutcome: String, Sendable {
        /// Committed: a new or changed record.
        case accepted
        /// Already stored as it is (a re-import): nothing to do.
        case skipped
        /// Refused for a problem named in the import's report.
        case rejected
    }

    /// The `kind` label of a dose alert. A pregnancy's budget is counted as `other`, so that the page never says
    /// that a wearer is pregnant, even in aggregate.
    public static func doseAlertKind(_ kind: LimitFindingKind) -> String {
        switch kind {
        case .overLimit, .overFiveYearLimit, .overReducedLimit, .overInvestigationLevel, .classificationPrompt:
            kind.rawValue
        case .pregnancyBudgetExceeded: "other"
        }
    }
}

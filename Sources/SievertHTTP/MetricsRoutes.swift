import Hummingbird
import NIOCore
import Prometheus
import SievertServices
import Synchronization

/// What `/metrics` serves and who may read it.
public struct MetricsExposition: Sendable {
    /// The registry swift-metrics records into: the process's, shared by every application in it.
    public var registry: PrometheusCollectorRegistry
    /// The bearer token a scraper must send; nil leaves `/metrics` open to whoever reaches the listener.
    public var token: String?

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), token: String? = nil) {
        self.registry = registry
        self.token = token
    }
}

/// `GET /metrics`: the process's counters and histograms in Prometheus text format, followed by this
/// application's audit-ledger gauges, read from its store at each scrape (so two applications in one process,
/// as in tests, never overwrite each other's). Route patterns, status codes and counts only: no person, no
/// organisation, no id.
struct MetricsRoutes {
    let exposition: MetricsExposition
    let ledger: AuditLedger
    let gauges = LedgerGauges()

    func register(on routes: SecuredRoutes) {
        let exposition = self.exposition
        let ledger = self.ledger
        let gauges = self.gauges
        // Open to the route policy (a scraper is no user and must leave no audit trail per scrape); the metrics
        // token, when set, is checked here instead.
        routes.get("metrics", .open) { request, _ in
            if let token = exposition.token {
                let sent = request.headers[.authorization] ?? ""
                guard ConstantTime.equals(sent, "Bearer " + token) else { throw Problem.unauthorized }
            }
            let status = try await ledger.status()
            gauges.update(status, age: ledger.checkpointAge(status))
            var bytes: [UInt8] = []
            exposition.registry.emit(into: &bytes)
            gauges.registry.emit(into: &bytes)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}

/// One application's audit-ledger gauges, in a registry of its own.
final class LedgerGauges: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let events: Gauge
    private let checkpointed: Gauge
    /// Registered once there is a witnessed checkpoint; absent before, so an alert can fire on its absence.
    private let age = Mutex<Gauge?>(nil)

    init() {
        events = registry.makeGauge(
            descriptor: Self.descriptor(SievertMetrics.ledgerEvents, help: "Events in the audit ledger."))
        checkpointed = registry.makeGauge(
            descriptor: Self.descriptor(
                SievertMetrics.ledgerCheckpointedEvents, help: "Events covered by the latest witnessed checkpoint."))
    }

    // The whole name comes from `SievertMetrics`; the descriptor's namespace and unit parts stay empty.
    private static func descriptor(_ name: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    func update(_ status: AuditLedger.Status, age seconds: Double?) {
        events.set(Double(status.events))
        checkpointed.set(Double(status.checkpointedEvents))
        age.withLock { gauge in
            switch (gauge, seconds) {
            case (nil, let seconds?):
                let made = registry.makeGauge(
                    descriptor: Self.descriptor(
                        SievertMetrics.ledgerCheckpointAge,
                        help: "Seconds since the latest witnessed checkpoint was signed."))
                made.set(seconds)
                gauge = made
            case (let made?, let seconds?):
                made.set(seconds)
            case (let made?, nil):
                registry.unregisterGauge(made)
                gauge = nil
            case (nil, nil):
                break
            }
        }
    }
}

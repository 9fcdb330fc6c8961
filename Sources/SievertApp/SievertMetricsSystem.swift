import Metrics
import Prometheus
import SievertServices

/// The process's metrics: one Prometheus registry behind swift-metrics' global factory. The factory may be
/// bootstrapped only once per process, and one process may run many applications (every test opens its own), so
/// the registry is the process's and each application's `/metrics` renders it; what belongs to one application
/// (its ledger's gauges) lives in a registry of that application's own (see `MetricsRoutes`).
public enum SievertMetricsSystem {
    /// The registry every swift-metrics handler of the process records into.
    public static let registry = PrometheusCollectorRegistry()

    // A static's initialiser runs once, on first use, whichever thread gets there first.
    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Hummingbird's OpenTelemetry-style names become Sievert's, so every name on the page is in `SievertMetrics`.
        factory.nameAndLabelSanitizer = { name, labels in
            (
                SievertMetrics.hummingbirdNames[name] ?? name,
                labels.map { (SievertMetrics.hummingbirdLabels[$0.0] ?? $0.0, $0.1) }
            )
        }
        MetricsSystem.bootstrap(factory)
    }()

    /// Points swift-metrics at `registry`; the first call does it, later calls do nothing.
    public static func bootstrap() {
        _ = bootstrapped
    }
}

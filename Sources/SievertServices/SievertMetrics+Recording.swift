import DoseCore
import Metrics

// Handlers are looked up at each use rather than kept: a counter made before the metrics system is bootstrapped
// would stay a no-op for the life of the process. These events are rare (an import, an alert), so the lookup is
// nothing beside the work they count.
extension SievertMetrics {
    /// Counts the rows of one import by what became of them.
    static func countImport(_ kind: ImportKind, accepted: Int, skipped: Int, rejected: Int) {
        for (outcome, rows) in [(ImportOutcome.accepted, accepted), (.skipped, skipped), (.rejected, rejected)]
        where rows > 0 {
            Counter(label: importRows, dimensions: [("kind", kind.rawValue), ("outcome", outcome.rawValue)])
                .increment(by: rows)
        }
    }

    /// Counts a dose alert raised.
    static func countDoseAlert(_ kind: LimitFindingKind) {
        Counter(label: doseAlerts, dimensions: [("kind", doseAlertKind(kind))]).increment()
    }

    /// Counts a security alert raised, by its rule (the ledger action, e.g. `alert.volume`).
    static func countSecurityAlert(rule: String) {
        Counter(label: securityAlerts, dimensions: [("rule", rule)]).increment()
    }
}

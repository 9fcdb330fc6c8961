import DoseCore
import Foundation
import Logging
import SievertStorage
import Synchronization

/// Thresholds of the detection rules (DESIGN.md §Security 10).
public struct DetectionPolicy: Sendable {
    /// Distinct people one principal may read in an hour before an alert is raised.
    public var peoplePerHour: Int
    /// Rows one export may write before an alert is raised.
    public var exportRows: Int

    public init(peoplePerHour: Int = 500, exportRows: Int = 5_000) {
        self.peoplePerHour = peoplePerHour
        self.exportRows = exportRows
    }
}

/// Watches reads of personal data: any read of a canary person, and any principal reading more distinct people
/// in an hour (or exporting more rows) than the policy allows, raises an alert. An alert is a ledger event
/// (`alert.canary`, `alert.volume`, `alert.export`), an error-level log line without personal data, and a count.
public final class AccessMonitor: Sendable {
    let policy: DetectionPolicy
    let logger: Logger
    /// Per principal: the people read in the current hour-long window and whether it has already alerted.
    private let windows = Mutex<[String: Window]>([:])
    private let raised = Atomic<Int>(0)

    struct Window {
        var start: Date
        var people: Set<PersonID>
        var alerted: Bool
    }

    public init(policy: DetectionPolicy = DetectionPolicy(), logger: Logger = Logger(label: "sievert.detection")) {
        self.policy = policy
        self.logger = logger
    }

    /// Alerts raised since the process started (all kinds).
    public var alertsRaised: Int { raised.load(ordering: .relaxed) }

    /// The alert events that reading `people` raises for `caller`.
    func observeRead(_ caller: Caller, people: [PersonRow], at now: Date) -> [AuditEventRow] {
        var alerts: [AuditEventRow] = []
        for person in people where person.isCanary {
            alerts.append(
                AuditTrail.event(
                    caller, "alert.canary", subject: person.id.description, organisation: person.organisationID,
                    purpose: "detection", at: now, outcome: "raised"))
        }
        let crossed = windows.withLock { table -> Int? in
            var window = table[caller.actor] ?? Window(start: now, people: [], alerted: false)
            if now.timeIntervalSince(window.start) >= 3600 { window = Window(start: now, people: [], alerted: false) }
            window.people.formUnion(people.map(\.id))
            defer { table[caller.actor] = window }
            guard !window.alerted, window.people.count > policy.peoplePerHour else { return nil }
            window.alerted = true
            return window.people.count
        }
        if let crossed {
            alerts.append(
                AuditTrail.event(
                    caller, "alert.volume", subject: nil, organisation: nil, purpose: "detection", at: now,
                    outcome: "people=\(crossed)"))
        }
        report(alerts, caller)
        return alerts
    }

    /// The alert event an export of `rows` rows raises, if any; `organisation` is nil for a
    /// service-wide export.
    func observeExport(_ caller: Caller, rows: Int, organisation: OrganisationID?, at now: Date) -> [AuditEventRow] {
        guard rows > policy.exportRows else { return [] }
        let alerts = [
            AuditTrail.event(
                caller, "alert.export", subject: nil, organisation: organisation, purpose: "detection", at: now,
                outcome: "rows=\(rows)")
        ]
        report(alerts, caller)
        return alerts
    }

    private func report(_ alerts: [AuditEventRow], _ caller: Caller) {
        for alert in alerts {
            raised.add(1, ordering: .relaxed)
            SievertMetrics.countSecurityAlert(rule: alert.action)
            // Ids only: the principal, the rule and the subject's opaque id.
            logger.error(
                "security alert",
                metadata: [
                    "alert": "\(alert.action)", "actor": "\(caller.actor)", "subject": "\(alert.subjectID ?? "-")",
                    "request": "\(caller.requestID)",
                ])
        }
    }
}

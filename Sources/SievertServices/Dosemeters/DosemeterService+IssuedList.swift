import DoseCore
import Foundation
import SievertStorage

extension DosemeterService {
    /// The issue list already made for the wear periods beginning in `month`, without issuing anything: for the
    /// organisation's managers, and for the lab, which sees it only as the pseudonymous lab file. Nothing issued
    /// yet is not found rather than an empty list, so a lab never mistakes a missing dispatch for an empty one.
    public func issuedList(organisation code: String, month text: String, by caller: Caller) async throws
        -> IssueList
    {
        if caller.role != .lab { try people.requireManager(caller) }
        let organisation = try await organisations.find(code: code, caller: caller)
        let month: YearMonth
        do { month = try YearMonth(parsing: text) } catch { throw ServiceError.invalid(field: "month", error.reason) }
        let issues = try await store.dosemeterIssues(
            of: organisation.id, periodBegin: month.period.begin, scope: caller.scope)
        guard !issues.isEmpty else { throw ServiceError.notFound("issue list of \(organisation.code) for \(month)") }
        let settings = try await settings(of: organisation.id, caller: caller)
        let now = clock()
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dosemeter.issue-list.read", subject: nil, organisation: organisation.id,
                purpose: "lab-dispatch", at: now, outcome: "month=\(month),rows=\(issues.count)")
        ]
        try await apply(changes, caller)
        return try Self.list(
            issues, organisation: organisation.code, month: month, settings: settings, issuedNow: 0, at: now)
    }

    /// One dispatch batch per organisation and month.
    static func batch(_ organisation: String, _ month: YearMonth) -> String {
        "\(organisation)-\(month)"
    }

    /// The list of `issues` as shown, by period end then serial, lateness judged on the day of `now`.
    static func list(
        _ issues: [DosemeterIssueRow], organisation: String, month: YearMonth, settings: DosimetrySettings,
        issuedNow: Int, at now: Date
    ) throws -> IssueList {
        IssueList(
            organisation: organisation, month: month.description, batch: batch(organisation, month),
            dosemeters: try issues.sorted { ($0.periodEnd, $0.serial) < ($1.periodEnd, $1.serial) }.map {
                try view($0, returnDueDays: settings.returnDueDays, today: CalendarDate(now))
            },
            issuedNow: issuedNow)
    }
}

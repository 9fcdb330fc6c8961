import DoseCore
import Foundation
import SievertStorage

/// Makes an organisation's periodic dose report (rps-admin, or the organisation's lead). Decrypting: one
/// `dose.read` event per person reported (purpose `report`), watched by the bulk-read rule.
public struct PeriodDoseReports: Sendable {
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// The report of `organisationCode` for the month `period` (`YYYY-MM`).
    public func report(organisationCode: String, period: String, by caller: Caller) async throws -> PeriodDoseReport {
        try people.requireManager(caller)
        let month: YearMonth
        do { month = try YearMonth(parsing: period) } catch { throw ServiceError.invalid([error]) }
        let organisation = try await people.organisations.find(code: organisationCode, caller: caller)
        let window = month.period
        let yearStart = DosePeriod.calendarYear(containing: window.end).begin
        let records = try await OrganisationDoseRecords.load(
            organisation, since: yearStart, people: people, caller: caller)
        var rows: [PeriodDoseRow] = []
        var reported: [PersonRow] = []
        for member in records.members {
            var included = false
            for employment in member.employments {
                let scope = DoseScope.employment(employment.id)
                let hasDoses = ReportQuantity.order.contains {
                    !records.entries($0, in: scope, endingIn: window).isEmpty
                }
                guard hasDoses || Self.isActive(employment, during: window) else { continue }
                included = true
                rows.append(Self.row(member, employment, window: window, records: records))
            }
            if included { reported.append(member.row) }
        }
        rows.sort {
            ($0.surname, $0.forenames ?? "", $0.staffNumber ?? "", $0.employment) < (
                $1.surname, $1.forenames ?? "", $1.staffNumber ?? "", $1.employment
            )
        }
        let now = clock()
        try await people.audit(caller, "dose.read", people: reported, purpose: "report")
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "report.period", subject: nil, organisation: organisation.id, purpose: "report", at: now,
                outcome: "period=\(month),rows=\(rows.count)")
        ]
        try await people.apply(changes, caller)
        return PeriodDoseReport(
            organisation: ReportOrganisation(code: organisation.code, name: organisation.name),
            period: month.description, periodBegin: window.begin, periodEnd: window.end,
            generatedAt: now.formatted(.iso8601), quantities: ReportQuantity.order.map(ReportQuantity.label),
            rows: rows)
    }

    static func isActive(_ employment: Employment, during window: DosePeriod) -> Bool {
        employment.start <= window.end && (employment.end.map { $0 >= window.begin } ?? true)
    }

    private static func row(
        _ member: OrganisationDoseRecords.Member, _ employment: Employment, window: DosePeriod,
        records: OrganisationDoseRecords
    ) -> PeriodDoseRow {
        let scope = DoseScope.employment(employment.id)
        let doses = ReportQuantity.order.map { quantity -> PeriodQuantityDose in
            let inPeriod = records.entries(quantity, in: scope, endingIn: window)
            let totals = records.accumulator.totals(countingAgainst: quantity, in: scope, for: window)
            return PeriodQuantityDose(
                quantity: quantity, label: ReportQuantity.label(quantity),
                periodDose: inPeriod.isEmpty ? nil : totals.period.mSvText,
                quarterToDate: totals.quarterToDate.mSvText, yearToDate: totals.yearToDate.mSvText,
                belowReportingLevel: inPeriod.contains { $0.belowReportingLevel },
                notional: inPeriod.contains { $0.kind == .notional })
        }
        var lastDay = min(window.end, employment.end ?? window.end)
        if lastDay < employment.start { lastDay = window.end }
        return PeriodDoseRow(
            person: member.person.id, employment: employment.id, surname: member.person.identity.surname,
            forenames: member.person.identity.forenames, staffNumber: employment.staffNumber,
            department: employment.department,
            designation: employment.designations.designation(on: lastDay)?.reportText, doses: doses)
    }
}

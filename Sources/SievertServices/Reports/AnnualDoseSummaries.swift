import DoseCore
import Foundation
import SievertStorage

/// Makes an organisation's annual summary with the last five years (rps-admin, or the organisation's lead).
/// Decrypting: one `dose.read` event per person summarised (purpose `report`), watched by the bulk-read rule.
public struct AnnualDoseSummaries: Sendable {
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// The summary of `organisationCode` for the five calendar years ending with `year` (`YYYY`).
    public func summary(organisationCode: String, year: String, by caller: Caller) async throws -> AnnualDoseSummary {
        try people.requireManager(caller)
        let last = try ReportYear.parse(year, back: 4)
        let organisation = try await people.organisations.find(code: organisationCode, caller: caller)
        let years = Array((last - 4)...last)
        let calendarYears = years.compactMap(DosePeriod.calendarYear)
        guard let window = DosePeriod.calendarYears(from: last - 4, count: 5), calendarYears.count == 5 else {
            throw ServiceError.invalid(field: "year", "is out of range")
        }
        let records = try await OrganisationDoseRecords.load(
            organisation, since: window.begin, people: people, caller: caller)
        var rows: [AnnualSummaryRow] = []
        for member in records.members {
            let scope = DoseScope.person(member.person.id)
            let open = member.employments.filter { PeriodDoseReports.isActive($0, during: window) }
            let hasDoses = ReportQuantity.order.contains { !records.entries($0, in: scope, endingIn: window).isEmpty }
            guard hasDoses || !open.isEmpty else { continue }
            let latest = open.max { ($0.start, $0.id.description) < ($1.start, $1.id.description) }
            let lastDay = latest.map { min(window.end, $0.end ?? window.end) } ?? window.end
            let lines = ReportQuantity.order.map { quantity in
                AnnualQuantityLine(
                    quantity: quantity, label: ReportQuantity.label(quantity),
                    perYear: calendarYears.map {
                        records.accumulator.total(countingAgainst: quantity, in: scope, endingIn: $0).mSvText
                    },
                    fiveYears: records.accumulator.total(countingAgainst: quantity, in: scope, endingIn: window).mSvText
                )
            }
            rows.append(
                AnnualSummaryRow(
                    person: member.person.id, surname: member.person.identity.surname,
                    forenames: member.person.identity.forenames, staffNumber: latest?.staffNumber,
                    designation: latest?.designations.designation(on: lastDay)?.reportText, lines: lines))
        }
        rows.sort {
            ($0.surname, $0.forenames ?? "", $0.person.description) < (
                $1.surname, $1.forenames ?? "", $1.person.description
            )
        }
        let now = clock()
        let reported = Set(rows.map(\.person))
        try await people.audit(
            caller, "dose.read", people: records.members.map(\.row).filter { reported.contains($0.id) },
            purpose: "report")
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "report.annual", subject: nil, organisation: organisation.id, purpose: "report", at: now,
                outcome: "year=\(last),rows=\(rows.count)")
        ]
        try await people.apply(changes, caller)
        return AnnualDoseSummary(
            organisation: ReportOrganisation(code: organisation.code, name: organisation.name), year: last,
            years: years, generatedAt: now.formatted(.iso8601), rows: rows)
    }
}

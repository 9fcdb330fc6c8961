import DoseCore
import Foundation
import SievertStorage

/// Makes the termination record of a classified person's employment (rps-admin, the organisation's lead, or the
/// person themself). Decrypting: a `dose.read` event for the person (purpose `termination-record`).
public struct TerminationRecords: Sendable {
    let people: PeopleService
    let clock: @Sendable () -> Date

    /// The termination record of `employment`; `person`, when given, must hold it. A record is due once the
    /// employment ended or a classification ended without another following; until then this is a conflict.
    public func record(employment: EmploymentID, person: PersonID? = nil, by caller: Caller) async throws
        -> TerminationRecord
    {
        let holder: PersonID
        if let person {
            holder = person
        } else {
            guard caller.role != .wearer else { throw ServiceError.notFound("employment \(employment)") }
            guard let record = try await people.store.person(employment: employment, scope: caller.scope) else {
                throw ServiceError.notFound("employment \(employment)")
            }
            holder = record.person.id
        }
        try people.requireReader(caller, of: holder)
        let loaded = try await people.load(holder, caller: caller)
        guard let job = loaded.employments.first(where: { $0.id == employment }) else {
            throw ServiceError.notFound("employment \(employment)")
        }
        let (date, reason) = try Self.termination(of: job)
        guard let organisation = try await people.store.organisation(id: job.organisationID, scope: caller.scope)
        else { throw ServiceError.notFound("employment \(employment)") }
        let key = try loaded.codec.dataKey(loaded.record)
        let entries = try await people.store.doseEntries(of: holder, scope: caller.scope)
            .map { try DoseSealing.open($0, with: key) }
            .filter { $0.period.begin <= date }
        let counting = DoseEntry.current(entries)
        let fiveYears = DosePeriod.calendarYears(from: date.year - 4, count: 5)
        let doses = ReportQuantity.order.map { quantity in
            let mine = counting.filter { quantity.contributors.contains($0.quantity) }
            let employment = mine.filter { $0.employmentID == job.id }
            return TerminationDose(
                quantity: quantity, label: ReportQuantity.label(quantity),
                finalYear: ReportQuantity.sum(employment.filter { $0.period.end.year == date.year }).mSvText,
                wholeEmployment: ReportQuantity.sum(employment).mSvText,
                fiveYears: ReportQuantity.sum(mine.filter { fiveYears?.contains($0.period.end) ?? false }).mSvText,
                lifetime: ReportQuantity.sum(mine).mSvText)
        }
        let now = clock()
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "dose.read", subject: holder.description, organisation: loaded.person.organisationID,
                purpose: "termination-record", at: now, outcome: "employment=\(job.id)")
        ]
        changes.auditEvents += people.monitor.observeRead(caller, people: [loaded.record.person], at: now)
        try await people.apply(changes, caller)
        let identity = loaded.person.identity
        return TerminationRecord(
            person: holder, employment: job.id, surname: identity.surname, forenames: identity.forenames,
            dateOfBirth: identity.dateOfBirth, sex: identity.sex?.rawValue, ninoMasked: identity.nino?.masked,
            employer: ReportOrganisation(code: organisation.code, name: organisation.name),
            staffNumber: job.staffNumber, department: job.department, employmentStart: job.start,
            employmentEnd: job.end,
            designations: job.designations.periods.map {
                TerminationDesignation(designation: $0.designation.reportText, from: $0.from, to: $0.to)
            },
            terminationDate: date, reason: reason, finalYear: date.year, doses: doses,
            generatedAt: now.formatted(.iso8601))
    }

    /// When and why a classified employment terminated, or a conflict when it has not.
    static func termination(of employment: Employment) throws -> (CalendarDate, String) {
        let classified = employment.designations.periods.filter { $0.designation == .classified }
        guard let lastClassified = classified.last else {
            throw ServiceError.conflict("the person was never classified in this employment: no termination record")
        }
        if let end = employment.end { return (end, "employment-ended") }
        guard let to = lastClassified.to else {
            throw ServiceError.conflict("the employment continues and the person is still classified")
        }
        return (to, "classification-ended")
    }
}

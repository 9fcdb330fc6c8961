import DoseCore
import Foundation
import SievertStorage

/// Changing the terms of a dose record that decide its limits: the designation, a declared pregnancy and HSE's
/// special authorisation. Each is a personal write (the employment's sealed details), audited, and followed by the
/// limit check of the years it can change, so doses already recorded meet the new terms at once: a pregnancy
/// declared after 1.2 mSv this month raises the budget's alert, a record authorised for the five-year limit is
/// checked against it.
extension DoseRecordService {
    /// Designates the wearer `change.designation` in one dose record from `change.from` (rps-admin, or the lead of
    /// the person's organisation).
    public func designate(_ personID: PersonID, _ change: DesignationChange, by caller: Caller) async throws
        -> PersonView
    {
        var validator = FieldValidator()
        let designation = validator.designation("designation", change.designation)
        validator.check(designation != nil || !validator.errors.isEmpty, "designation", "is required")
        let from = validator.requiredDate("from", change.from)
        return try await changeTerms(
            personID, employment: change.employment, action: "employment.designate", validator: validator,
            from: from, by: caller
        ) { employment, person, now in
            guard let designation, let from else { return employment }
            return try employment.designating(
                designation, from: from, dateOfBirth: person.identity.dateOfBirth, at: now)
        }
    }

    /// Records a pregnancy declared to the employer on `notice.declared` (rps-admin, or the lead of the person's
    /// organisation): from that day the dose from every employer counts against the 1 mSv budget.
    public func declarePregnancy(_ personID: PersonID, _ notice: PregnancyNotice, by caller: Caller) async throws
        -> PersonView
    {
        var validator = FieldValidator()
        let declared = validator.requiredDate("declared", notice.declared)
        validator.check(notice.ended == nil, "ended", "a declaration is recorded open; record its end separately")
        return try await changeTerms(
            personID, employment: notice.employment, action: "employment.pregnancy-declare", validator: validator,
            from: declared, by: caller
        ) { employment, _, now in
            guard let declared else { return employment }
            return try employment.declaringPregnancy(on: declared, today: CalendarDate(now), at: now)
        }
    }

    /// Records the end of the open pregnancy declaration on `notice.ended` (rps-admin, or the lead of the person's
    /// organisation).
    public func endPregnancy(_ personID: PersonID, _ notice: PregnancyNotice, by caller: Caller) async throws
        -> PersonView
    {
        var validator = FieldValidator()
        let ended = validator.requiredDate("ended", notice.ended)
        validator.check(notice.declared == nil, "declared", "the declaration being ended is the open one")
        return try await changeTerms(
            personID, employment: notice.employment, action: "employment.pregnancy-end", validator: validator,
            from: ended, by: caller
        ) { employment, _, now in
            guard let ended else { return employment }
            return try employment.endingPregnancy(on: ended, today: CalendarDate(now), at: now)
        }
    }

    /// Records HSE's authorisation to hold the employee to the five-year limit in one dose record (rps-admin only:
    /// the service records what HSE granted, on the employer's evidence).
    public func authorise(_ personID: PersonID, _ input: SpecialAuthorisationInput, by caller: Caller) async throws
        -> PersonView
    {
        guard caller.role == .rpsAdmin else {
            throw ServiceError.forbidden("only the service operator records HSE's special authorisations")
        }
        var validator = FieldValidator()
        let quantities = input.quantities.map { Set($0.compactMap(LimitedQuantity.init(rawValue:))) } ?? [.effective]
        if let texts = input.quantities {
            validator.check(!texts.isEmpty, "quantities", "must name at least one quantity")
            validator.check(
                texts.allSatisfy { ["effective", "lens"].contains($0) }, "quantities",
                "each must be effective or lens: the only quantities HSE can average over five years")
        }
        validator.check(
            DosePeriod.calendarYears(from: input.firstYear, count: 5) != nil, "firstYear",
            "the five years must lie within 1850–2200")
        var authorisation: SpecialAuthorisation?
        if validator.errors.isEmpty {
            do {
                authorisation = try SpecialAuthorisation(firstYear: input.firstYear, quantities: quantities)
            } catch {
                validator.errors.append(error)
            }
        }
        return try await changeTerms(
            personID, employment: input.employment, action: "employment.special-authorisation",
            validator: validator, from: authorisation?.period.begin, by: caller
        ) { employment, person, now in
            guard let authorisation else { return employment }
            return try employment.authorising(authorisation, dateOfBirth: person.identity.dateOfBirth, at: now)
        }
    }

    /// Loads the person, applies `body` to the named employment, and writes the employment (unless nothing changed)
    /// with its audit event, from a fresh read again when another change got in between; then checks the years from
    /// `from` to this year (at most the last six: what the five-year limit and the current year can see).
    private func changeTerms(
        _ personID: PersonID, employment named: String?, action: String, validator: FieldValidator,
        from: CalendarDate?, by caller: Caller,
        _ body: (Employment, Person, Date) throws -> Employment
    ) async throws -> PersonView {
        try people.requireManager(caller)
        let (view, changed, organisation, now) = try await withFreshRead {
            try await writeTerms(personID, employment: named, action: action, validator: validator, by: caller, body)
        }
        if changed, let from {
            let thisYear = CalendarDate(now).year
            // Terms dated in the future change no year yet; the check of each later dose will apply them.
            if from.year <= thisYear {
                await alerts.afterChange(
                    of: [personID], years: Set(max(from.year, thisYear - 5)...thisYear), organisation: organisation,
                    requestID: caller.requestID)
            }
        }
        return view
    }

    /// One try of a terms change: reads the record, changes the employment, writes it with its audit event.
    /// Returns the record as written, whether the employment changed, its organisation and the time of the change.
    private func writeTerms(
        _ personID: PersonID, employment named: String?, action: String, validator: FieldValidator, by caller: Caller,
        _ body: (Employment, Person, Date) throws -> Employment
    ) async throws -> (PersonView, Bool, OrganisationID, Date) {
        var loaded = try await people.load(personID, caller: caller)
        var validator = validator
        var employment: Employment?
        do { employment = try loaded.employment(named: named) } catch { validator.errors.append(error) }
        try validator.finish()
        guard let employment, let index = loaded.employments.firstIndex(where: { $0.id == employment.id }) else {
            throw ServiceError.invalid(field: "employment", "is not one of this person's")
        }
        let now = clock()
        let changed: Employment
        do {
            changed = try body(employment, loaded.person, now)
        } catch let error as ValidationError {
            throw ServiceError.invalid([error])
        }
        do { try changed.validate(dateOfBirth: loaded.person.identity.dateOfBirth) } catch {
            throw ServiceError.invalid(error.errors)
        }
        var changes = ChangeSet()
        changes.readRecords = [loaded.record]
        if changed != employment {
            let key = try loaded.codec.dataKey(loaded.record)
            changes.employmentUpdates = [try loaded.codec.sealEmployment(changed, with: key)]
        }
        changes.auditEvents = [
            AuditTrail.event(
                caller, action, subject: personID.description, organisation: loaded.person.organisationID,
                purpose: "record-keeping", at: now,
                outcome: changes.employmentUpdates.isEmpty ? "unchanged" : "employment=\(employment.id)")
        ]
        try await people.apply(changes, caller)
        loaded.employments[index] = changed
        return (loaded.view, !changes.employmentUpdates.isEmpty, loaded.person.organisationID, now)
    }
}

import Foundation

/// The terms of a dose record that set which limits apply to it, changed after the record opened: the wearer's
/// designation (reg 21), a pregnancy declared to the employer (reg 11(1)(b)'s 1 mSv budget) and HSE's special
/// authorisation for the five-year limit (Sch. 3 Part 2). Each change returns a new employment and refuses, with
/// the field at fault, anything the record's own rules (``validate(dateOfBirth:)``) would refuse.
extension Employment {
    /// The employment with `designation` from `date` (the open designation, if any, closes the day before).
    /// Refuses a date outside the employment, before the last designation started, or one that breaks the age
    /// rules for `dateOfBirth`.
    public func designating(
        _ designation: Designation, from date: CalendarDate, dateOfBirth: CalendarDate?, at now: Date
    ) throws(ValidationError) -> Employment {
        guard date >= start else {
            throw ValidationError(field: "from", reason: "must not be before the employment started on \(start.iso)")
        }
        if let end, date > end {
            throw ValidationError(field: "from", reason: "must not be after the employment ended on \(end.iso)")
        }
        var changed = self
        changed.designations = try designations.designating(designation, from: date, dateOfBirth: dateOfBirth)
        changed.updatedAt = now
        return changed
    }

    /// The employment with a pregnancy declared on `date`: from that day the dose from every employer counts
    /// against the 1 mSv budget. Refuses a date outside the employment or after `today`, while an earlier
    /// declaration is still open, or on or before the day the last one ended.
    public func declaringPregnancy(on date: CalendarDate, today: CalendarDate, at now: Date)
        throws(ValidationError) -> Employment
    {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "declared", reason: reason) }
        guard date <= today else { throw fail("must not be in the future") }
        guard date >= start else { throw fail("must not be before the employment started on \(start.iso)") }
        if let end, date > end { throw fail("must not be after the employment ended on \(end.iso)") }
        if let last = pregnancies.last {
            guard let ended = last.ended else {
                throw fail("the pregnancy declared on \(last.declared.iso) is still open: record its end first")
            }
            guard date > ended else { throw fail("must be after \(ended.iso), when the last declaration ended") }
        }
        var changed = self
        changed.pregnancies.append(PregnancyDeclaration(declared: date))
        changed.updatedAt = now
        return changed
    }

    /// The employment with its open pregnancy declaration ended on `date` (the pregnancy ended or the employee
    /// withdrew the declaration). Refuses when none is open, or a date before the declaration or after `today`.
    public func endingPregnancy(on date: CalendarDate, today: CalendarDate, at now: Date)
        throws(ValidationError) -> Employment
    {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "ended", reason: reason) }
        guard let last = pregnancies.last, last.ended == nil else {
            throw fail("no pregnancy declaration is open in this employment")
        }
        guard date <= today else { throw fail("must not be in the future") }
        guard date >= last.declared else { throw fail("must not be before the declaration on \(last.declared.iso)") }
        var changed = self
        changed.pregnancies[changed.pregnancies.count - 1].ended = date
        changed.updatedAt = now
        return changed
    }

    /// The employment with HSE's special authorisation added. The special case is for employees aged 18 or over,
    /// so refuses an employee under 18 on the first day of the five years (when the date of birth is known), a
    /// trainee designation during them, five years that end before the employment started or start after it
    /// ended, and five years that overlap an authorisation already recorded.
    public func authorising(_ authorisation: SpecialAuthorisation, dateOfBirth: CalendarDate?, at now: Date)
        throws(ValidationError) -> Employment
    {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "firstYear", reason: reason) }
        let span = authorisation.period
        if let dateOfBirth, dateOfBirth.age(on: span.begin) < 18 {
            throw fail("the special case is for employees aged 18 or over on \(span.begin.iso)")
        }
        if designations.periods.contains(where: {
            $0.designation == .trainee && $0.from <= span.end && ($0.to.map { $0 >= span.begin } ?? true)
        }) {
            throw fail("the special case does not apply to a trainee")
        }
        guard span.end >= start else {
            throw fail("the five years must not end before the employment started on \(start.iso)")
        }
        if let end, span.begin > end {
            throw fail("the five years must not start after the employment ended on \(end.iso)")
        }
        if let other = specialAuthorisations.first(where: { $0.years.overlaps(authorisation.years) }) {
            throw fail(
                "overlaps the authorisation for \(other.years.lowerBound)–\(other.years.upperBound) already recorded")
        }
        var changed = self
        changed.specialAuthorisations.append(authorisation)
        changed.specialAuthorisations.sort { $0.firstYear < $1.firstYear }
        changed.updatedAt = now
        return changed
    }

    /// The special authorisation whose five years hold `year`, if any.
    public func specialAuthorisation(for year: Int) -> SpecialAuthorisation? {
        specialAuthorisations.first { $0.years.contains(year) }
    }
}

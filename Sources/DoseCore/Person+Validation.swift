import Foundation

extension Person {
    /// The earliest date of birth accepted.
    public static let earliestDateOfBirth = CalendarDate(uncheckedYear: 1900, month: 1, day: 1)

    /// Checks every rule and throws all the failures together: names present, short and free of control
    /// characters; date of birth from 1900 and not after `today`; a date of death only for a deceased
    /// person, not before birth and not after `today`; contact details in their normal shape.
    public func validate(today: CalendarDate) throws(ValidationErrors) {
        var errors = identity.validationErrors(today: today)
        errors += Self.dateOfDeathErrors(
            status: status, dateOfDeath: dateOfDeath, dateOfBirth: identity.dateOfBirth, today: today)
        errors += contact.validationErrors()
        if !errors.isEmpty {
            throw ValidationErrors(errors)
        }
    }

    /// The person, now marked as having left every employer, changed at `at`. A deceased person stays
    /// deceased.
    public func markedLeft(at: Date) -> Person {
        guard status == .active else { return self }
        var person = self
        person.status = .left
        person.updatedAt = at
        return person
    }

    /// The person, now marked deceased on `date` (`nil` when the date is not known), changed at `at`.
    /// Refuses a date before birth or after the day of `at`.
    public func markedDeceased(on date: CalendarDate?, at: Date) throws(ValidationErrors) -> Person {
        let errors = Self.dateOfDeathErrors(
            status: .deceased, dateOfDeath: date, dateOfBirth: identity.dateOfBirth, today: CalendarDate(at))
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        var person = self
        person.status = .deceased
        person.dateOfDeath = date
        person.updatedAt = at
        return person
    }

    /// The problems with a date of death for someone with `status` born on `dateOfBirth`: it is only
    /// recorded for a deceased person, and must fall between birth and `today`.
    public static func dateOfDeathErrors(
        status: PersonStatus, dateOfDeath: CalendarDate?, dateOfBirth: CalendarDate?, today: CalendarDate
    ) -> [ValidationError] {
        guard let dateOfDeath else { return [] }
        guard status == .deceased else {
            return [ValidationError(field: "dateOfDeath", reason: "is only recorded for a person who has died")]
        }
        if dateOfDeath > today {
            return [ValidationError(field: "dateOfDeath", reason: "must not be in the future")]
        }
        if let dateOfBirth, dateOfDeath < dateOfBirth {
            return [ValidationError(field: "dateOfDeath", reason: "must not be before the date of birth")]
        }
        return []
    }
}

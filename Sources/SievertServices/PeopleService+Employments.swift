import DoseCore
import Foundation
import SievertStorage

/// The validated terms of a new employment, parsed field by field from request input.
struct EmploymentTerms {
    var staffNumber: String?
    var department: String?
    var start: CalendarDate
    var designation: Designation?

    init(_ input: NewEmployment, today: CalendarDate, _ validator: inout FieldValidator) {
        staffNumber = validator.optional("staffNumber", input.staffNumber, Employment.normaliseStaffNumber)
        department = input.department?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        start = validator.date("startDate", input.startDate) ?? today
        designation = validator.designation("designation", input.designation)
    }

    /// The employment these terms open for `person`, checked against the designation age rules.
    func employment(of person: Person, now: Date) throws -> Employment {
        var history = DesignationHistory()
        if let designation {
            do {
                history = try history.designating(designation, from: start, dateOfBirth: person.identity.dateOfBirth)
            } catch {
                throw ServiceError.invalid([error])
            }
        }
        let employment = Employment(
            id: .generate(now: now), organisationID: person.organisationID, personID: person.id,
            staffNumber: staffNumber, department: department, start: start, end: nil, designations: history,
            pregnancies: [], createdAt: now, updatedAt: now)
        do { try employment.validate(dateOfBirth: person.identity.dateOfBirth) } catch {
            throw ServiceError.from(error)
        }
        return employment
    }
}

extension PeopleService {
    /// Opens another employment (dose record) for a person at their organisation; a person who had left
    /// becomes active again. A deceased person's record stays closed.
    public func addEmployment(_ id: PersonID, _ input: NewEmployment, by caller: Caller) async throws -> PersonView {
        try requireManager(caller)
        return try await withFreshRead { try await addEmployment(id, input, caller) }
    }

    private func addEmployment(_ id: PersonID, _ input: NewEmployment, _ caller: Caller) async throws -> PersonView {
        var loaded = try await load(id, caller: caller)
        guard loaded.person.status != .deceased else {
            throw ServiceError.conflict("a deceased person's record cannot take a new employment")
        }
        let now = clock()
        var validator = FieldValidator()
        let terms = EmploymentTerms(input, today: CalendarDate(now), &validator)
        try validator.finish()
        let employment = try terms.employment(of: loaded.person, now: now)
        try await requireFreeStaffNumber(
            terms.staffNumber, organisation: loaded.person.organisationID, codec: loaded.codec, caller: caller)
        let key = try loaded.codec.dataKey(loaded.record)
        loaded.person.status = .active
        loaded.person.updatedAt = now
        var changes = ChangeSet()
        changes.readRecords = [loaded.record]
        changes.personUpdates = [
            try loaded.codec.sealPerson(loaded.person, with: key, sourceIndex: loaded.record.person.sourceIndex)
        ]
        changes.newEmployments = [try loaded.codec.sealEmployment(employment, with: key)]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "employment.create", subject: id.description, organisation: loaded.person.organisationID,
                purpose: "registration", at: now)
        ]
        try await apply(changes, caller)
        loaded.employments.append(employment)
        return loaded.view
    }
}

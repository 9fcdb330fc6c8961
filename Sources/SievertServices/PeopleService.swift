import DoseCore
import Foundation
import SievertStorage

/// Registering, reading and changing people and their dose records (employments).
///
/// Every decryption of a person appends an audit event naming the person's id, never a value.
public struct PeopleService: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let organisations: OrganisationService
    let monitor: AccessMonitor
    let clock: @Sendable () -> Date

    /// Registers a person at an organisation with their first employment.
    public func register(_ input: NewPerson, in organisationCode: String, by caller: Caller) async throws -> PersonView
    {
        try requireManager(caller)
        if input.canary == true, caller.role != .rpsAdmin {
            throw ServiceError.forbidden("only the service operator plants canaries")
        }
        let organisation = try await organisations.find(code: organisationCode, caller: caller)
        let now = clock()
        let today = CalendarDate(now)
        var validator = FieldValidator()
        let nino = validator.optional("nino", input.nino) { try NINO(parsing: $0) }
        let dateOfBirth = validator.date("dateOfBirth", input.dateOfBirth)
        let sex = validator.optional("sex", input.sex) { text -> Sex in
            guard let sex = Sex(rawValue: text.uppercased()) else {
                throw ValidationError(field: "sex", reason: "must be F, M, X or U")
            }
            return sex
        }
        let contact = ContactDetails(email: nil, phone: nil, address: nil, postcode: nil).patched(
            with: ContactPatch(
                email: input.email, phone: input.phone, address: input.address, postcode: input.postcode),
            &validator)
        let terms = EmploymentTerms(
            NewEmployment(
                staffNumber: input.staffNumber, department: input.department, startDate: input.startDate,
                designation: input.designation), today: today, &validator)
        try validator.finish()

        let identity = PersonIdentity(
            forenames: input.forenames?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty,
            surname: input.surname.trimmingCharacters(in: .whitespacesAndNewlines), dateOfBirth: dateOfBirth,
            sex: sex, nino: nino)
        let person = Person(
            id: .generate(now: now), organisationID: organisation.id, identity: identity, contact: contact,
            status: .active, dateOfDeath: nil, isCanary: input.canary ?? false, createdAt: now, updatedAt: now)
        do { try person.validate(today: today) } catch { throw ServiceError.invalid(error.errors) }
        let employment = try terms.employment(of: person, now: now)
        let codec = try await codec(for: organisation.id, caller: caller)
        try await requireFreeStaffNumber(terms.staffNumber, organisation: organisation.id, codec: codec, caller: caller)
        let (key, wrappedKey) = try codec.newDataKey(for: person.id, now: now)
        var changes = ChangeSet()
        changes.newPeople = [(try codec.sealPerson(person, with: key, sourceIndex: nil), wrappedKey)]
        changes.newEmployments = [try codec.sealEmployment(employment, with: key)]
        changes.auditEvents = [
            AuditTrail.event(
                // The same action for canaries: nothing in the log may tell them apart from real wearers.
                caller, "person.create", subject: person.id.description, organisation: organisation.id,
                purpose: "registration", at: now)
        ]
        try await apply(changes, caller)
        return PersonView(person, employments: [employment], organisationCode: organisation.code)
    }

    /// A page of an organisation's people (canaries hidden), ordered by id.
    public func list(
        organisationCode: String, after: PersonID?, limit: Int, by caller: Caller
    ) async throws -> PersonPage {
        try requireManager(caller)
        let organisation = try await organisations.find(code: organisationCode, caller: caller)
        let bounded = min(max(limit, 1), 500)
        let records = try await store.people(
            of: organisation.id, after: after, limit: bounded, includeCanaries: false, scope: caller.scope)
        let codec = try await codec(for: organisation.id, caller: caller)
        let views = try records.map { record in
            let (person, employments) = try codec.open(record)
            return PersonView(person, employments: employments, organisationCode: organisation.code)
        }
        try await audit(caller, "person.read", people: records.map(\.person), purpose: "list")
        return PersonPage(people: views, next: records.count == bounded ? records.last?.person.id : nil)
    }

    /// One person with their employments. A wearer may read only their own record.
    public func get(_ id: PersonID, by caller: Caller) async throws -> PersonView {
        try requireReader(caller, of: id)
        let loaded = try await load(id, caller: caller)
        try await audit(caller, "person.read", people: [loaded.record.person], purpose: "view")
        return loaded.view
    }

    /// Replaces contact details field by field.
    public func updateContact(_ id: PersonID, _ patch: ContactPatch, by caller: Caller) async throws -> PersonView {
        try await change(id, action: "person.update-contact", caller: caller) { person, _, _ in
            var validator = FieldValidator()
            person.contact = person.contact.patched(with: patch, &validator)
            try validator.finish()
        }
    }

    /// Marks a person as having left: every open employment ends on `date` (default today).
    public func markLeft(_ id: PersonID, on date: CalendarDate?, by caller: Caller) async throws -> PersonView {
        try await change(id, action: "person.mark-left", caller: caller) { person, employments, now in
            guard person.status == .active else {
                throw ServiceError.conflict("only an active person can be marked as left")
            }
            person = person.markedLeft(at: now)
            try endEmployments(&employments, on: date ?? CalendarDate(now), at: now)
        }
    }

    /// Marks a person as deceased, with the date of death when known; open employments end.
    public func markDeceased(_ id: PersonID, on date: CalendarDate?, by caller: Caller) async throws -> PersonView {
        try await change(id, action: "person.mark-deceased", caller: caller) { person, employments, now in
            do { person = try person.markedDeceased(on: date, at: now) } catch { throw ServiceError.from(error) }
            try endEmployments(&employments, on: date ?? CalendarDate(now), at: now)
        }
    }

    // MARK: shared steps

    struct Loaded {
        var record: PersonRecord
        var codec: PersonCodec
        var person: Person
        var employments: [Employment]
        var organisationCode: String

        var view: PersonView { PersonView(person, employments: employments, organisationCode: organisationCode) }

        /// The employment whose id is `text`, or the person's only one when `text` is nil.
        func employment(named text: String?) throws(ValidationError) -> Employment {
            guard let text else {
                guard employments.count == 1, let only = employments.first else {
                    throw ValidationError(
                        field: "employment",
                        reason: employments.isEmpty
                            ? "the person has no dose record" : "is required: the person has several")
                }
                return only
            }
            guard let employment = employments.first(where: { $0.id.description == text.lowercased() }) else {
                throw ValidationError(field: "employment", reason: "is not one of this person's")
            }
            return employment
        }
    }

    func load(_ id: PersonID, caller: Caller) async throws -> Loaded {
        guard let loaded = try await load([id], caller: caller)[id] else { throw ServiceError.notFound("person \(id)") }
        return loaded
    }

    /// The given people in scope, opened, by id (missing or out-of-scope ids are left out): one store read for the
    /// records, one codec per organisation. A record whose stored form equals one in `reusing` is not opened again.
    func load(_ ids: [PersonID], caller: Caller, reusing: [PersonID: Loaded] = [:]) async throws
        -> [PersonID: Loaded]
    {
        let records = try await store.people(ids: ids, scope: caller.scope)
        var organisations: [OrganisationID: (code: String, codec: PersonCodec)] = [:]
        var loaded: [PersonID: Loaded] = [:]
        for record in records {
            if let opened = reusing[record.person.id], opened.record == record {
                loaded[record.person.id] = opened
                continue
            }
            let organisationID = record.person.organisationID
            if organisations[organisationID] == nil {
                guard let organisation = try await store.organisation(id: organisationID, scope: caller.scope) else {
                    continue
                }
                organisations[organisationID] = (
                    organisation.code, try await codec(for: organisationID, caller: caller)
                )
            }
            guard let organisation = organisations[organisationID] else { continue }
            let (person, employments) = try organisation.codec.open(record)
            loaded[record.person.id] = Loaded(
                record: record, codec: organisation.codec, person: person, employments: employments,
                organisationCode: organisation.code)
        }
        return loaded
    }

    private func change(
        _ id: PersonID, action: String, caller: Caller,
        _ body: (inout Person, inout [Employment], Date) throws -> Void
    ) async throws -> PersonView {
        try requireManager(caller)
        return try await withFreshRead {
            var loaded = try await load(id, caller: caller)
            let now = clock()
            let before = (loaded.person, loaded.employments)
            try body(&loaded.person, &loaded.employments, now)
            loaded.person.updatedAt = now
            do throws(ValidationErrors) { try loaded.person.validate(today: CalendarDate(now)) } catch {
                throw ServiceError.invalid(error.errors)
            }
            let key = try loaded.codec.dataKey(loaded.record)
            var changes = ChangeSet()
            changes.readRecords = [loaded.record]
            changes.personUpdates = [
                try loaded.codec.sealPerson(loaded.person, with: key, sourceIndex: loaded.record.person.sourceIndex)
            ]
            for (old, new) in zip(before.1, loaded.employments) where old != new {
                changes.employmentUpdates.append(try loaded.codec.sealEmployment(new, with: key))
            }
            changes.auditEvents = [
                AuditTrail.event(
                    caller, action, subject: id.description, organisation: loaded.person.organisationID,
                    purpose: "record-keeping", at: now)
            ]
            try await apply(changes, caller)
            return loaded.view
        }
    }

    private func endEmployments(_ employments: inout [Employment], on date: CalendarDate, at now: Date) throws {
        for index in employments.indices where employments[index].end == nil {
            do {
                employments[index] = try employments[index].ended(on: max(date, employments[index].start), at: now)
            } catch {
                throw ServiceError.invalid([error])
            }
        }
    }

    func codec(for organisation: OrganisationID, caller: Caller) async throws -> PersonCodec {
        PersonCodec(
            organisation: organisation,
            organisationKeys: try await keys.organisationKeyset(organisation, scope: caller.scope),
            keys: keys)
    }

    /// Refuses a staff number another record of the organisation already has.
    func requireFreeStaffNumber(
        _ staffNumber: String?, organisation: OrganisationID, codec: PersonCodec, caller: Caller
    ) async throws {
        guard let staffNumber else { return }
        let index = try codec.staffIndex(staffNumber)
        let candidates = try await store.matchKeys(of: organisation, scope: caller.scope)
            .filter { $0.staffIndexes.contains(index) }.map(\.personID)
        // A blind index only narrows the search (collisions are intended); decrypt to confirm.
        for record in try await store.people(ids: candidates, scope: caller.scope)
        where try codec.open(record).1.contains(where: { $0.staffNumber == staffNumber }) {
            throw ServiceError.invalid(field: "staffNumber", "is already used at this organisation")
        }
    }

    /// A manager may read people in scope; a wearer only herself (anyone else looks like no one).
    func requireReader(_ caller: Caller, of person: PersonID) throws {
        if caller.role == .wearer {
            guard caller.person == person else { throw ServiceError.notFound("person \(person)") }
        } else {
            try requireManager(caller)
        }
    }

    func requireManager(_ caller: Caller) throws {
        guard caller.role == .rpsAdmin || caller.role == .orgLead else {
            throw ServiceError.forbidden("this role may not manage people")
        }
    }

    func audit(_ caller: Caller, _ action: String, people: [PersonRow], purpose: String) async throws {
        guard !people.isEmpty else { return }
        let now = clock()
        var changes = ChangeSet()
        changes.auditEvents = people.map {
            AuditTrail.event(
                caller, action, subject: $0.id.description, organisation: $0.organisationID,
                purpose: purpose, at: now)
        }
        changes.auditEvents += monitor.observeRead(caller, people: people, at: now)
        try await apply(changes, caller)
    }

    func apply(_ changes: ChangeSet, _ caller: Caller) async throws {
        do {
            try await store.apply(changes, scope: caller.scope)
        } catch {
            throw ServiceError.from(error)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

import DoseCore
import Foundation
import Interchange
import SievertStorage

/// Decides, for each line of a people file at one organisation, whether it creates a person, updates
/// one, changes nothing, or is a problem. Blind indexes narrow the candidates; decryption confirms.
struct ImportMatcher {
    enum Outcome {
        case problem(CSVProblem)
        case create(PersonRow, WrappedKeyRow, EmploymentRow)
        case update(PersonRow, [EmploymentRow])
        case unchanged
    }

    let store: any RecordStore
    let organisation: OrganisationID
    let codec: PersonCodec
    let caller: Caller
    private var byStaff: [Int64: [PersonID]] = [:]
    private var byNINO: [Int64: [PersonID]] = [:]
    private var bySource: [Int64: [PersonID]] = [:]
    private var seenStaff: [String: Int] = [:]
    private var seenNINO: [String: Int] = [:]
    private var claimed: [PersonID: Int] = [:]

    init(store: any RecordStore, organisation: OrganisationID, codec: PersonCodec, caller: Caller) async throws {
        self.store = store
        self.organisation = organisation
        self.codec = codec
        self.caller = caller
        for keys in try await store.matchKeys(of: organisation, scope: caller.scope) {
            for index in keys.staffIndexes { byStaff[index, default: []].append(keys.personID) }
            if let index = keys.ninoIndex { byNINO[index, default: []].append(keys.personID) }
            if let index = keys.sourceIndex { bySource[index, default: []].append(keys.personID) }
        }
    }

    mutating func resolve(_ record: PeopleCSVRecord, now: Date) async throws -> Outcome {
        if let staff = record.staffNumber {
            if let line = seenStaff[staff] {
                return .problem(
                    CSVProblem(
                        line: record.line, column: "staff_number", reason: "the same staff number is on line \(line)"))
            }
            seenStaff[staff] = record.line
        }
        if let nino = record.identity.nino {
            if let line = seenNINO[nino.value] {
                return .problem(
                    CSVProblem(line: record.line, column: "ni_number", reason: "the same NI number is on line \(line)"))
            }
            seenNINO[nino.value] = record.line
        }
        let sourceIndex = try codec.sourceIndex(record.recordID)
        guard let existing = try await match(record, sourceIndex: sourceIndex) else {
            return try create(record, sourceIndex: sourceIndex, now: now)
        }
        if let line = claimed[existing.record.person.id] {
            return .problem(
                CSVProblem(line: record.line, column: "record_id", reason: "matches the same person as line \(line)"))
        }
        claimed[existing.record.person.id] = record.line
        return try update(existing, with: record, sourceIndex: sourceIndex, now: now)
    }

    private struct Existing {
        var record: PersonRecord
        var person: Person
        var employments: [Employment]
    }

    private func match(_ record: PeopleCSVRecord, sourceIndex: Int64) async throws -> Existing? {
        if let staff = record.staffNumber,
            let found = try await confirm(
                byStaff[try codec.staffIndex(staff)], { $0.1.contains { $0.staffNumber == staff } })
        {
            return found
        }
        if let nino = record.identity.nino,
            let found = try await confirm(byNINO[try codec.ninoIndex(nino)], { $0.0.identity.nino == nino })
        {
            return found
        }
        // The record-id index is a full 64-bit HMAC, so an equal index is the same record id.
        if let found = try await confirm(bySource[sourceIndex], { _ in true }) { return found }
        // A file exported by Sievert carries each person's own id as its record id.
        return try await confirm(PersonID(record.recordID).map { [$0] }, { _ in true })
    }

    private func confirm(
        _ candidates: [PersonID]?, _ isMatch: ((Person, [Employment])) -> Bool
    ) async throws -> Existing? {
        guard let candidates, !candidates.isEmpty else { return nil }
        for record in try await store.people(ids: candidates, scope: caller.scope) {
            let opened = try codec.open(record)
            if isMatch(opened) { return Existing(record: record, person: opened.0, employments: opened.1) }
        }
        return nil
    }

    private func create(_ record: PeopleCSVRecord, sourceIndex: Int64, now: Date) throws -> Outcome {
        let updated = record.updatedAt ?? now
        let person = Person(
            id: .generate(now: now), organisationID: organisation, identity: record.identity, contact: record.contact,
            status: record.status, dateOfDeath: record.dateOfDeath, isCanary: false, createdAt: now, updatedAt: updated)
        if let problem = validate(person, record: record, now: now) { return .problem(problem) }
        let start = CalendarDate(min(updated, now))
        var employment = Employment(
            id: .generate(now: now), organisationID: organisation, personID: person.id,
            staffNumber: record.staffNumber, department: nil, start: start, end: nil,
            designations: DesignationHistory(), pregnancies: [], createdAt: now, updatedAt: now)
        if record.status != .active { employment = try employment.ended(on: start, at: now) }
        let (key, wrapped) = try codec.newDataKey(for: person.id, now: now)
        return .create(
            try codec.sealPerson(person, with: key, sourceIndex: sourceIndex), wrapped,
            try codec.sealEmployment(employment, with: key))
    }

    private func update(_ existing: Existing, with record: PeopleCSVRecord, sourceIndex: Int64, now: Date) throws
        -> Outcome
    {
        var person = existing.person
        person.identity = record.identity
        person.contact = record.contact
        person.status = record.status
        person.dateOfDeath = record.dateOfDeath
        var employments = existing.employments
        if let staff = record.staffNumber, !employments.contains(where: { $0.staffNumber == staff }),
            let latest = employments.indices.last
        {
            employments[latest].staffNumber = staff
            employments[latest].updatedAt = now
        }
        if record.status != .active {
            let end = record.dateOfDeath ?? CalendarDate(min(record.updatedAt ?? now, now))
            for index in employments.indices where employments[index].end == nil {
                employments[index] = try employments[index].ended(on: max(end, employments[index].start), at: now)
            }
        }
        // A file exported by Sievert names each person by their own id: that is the same record, not a new one.
        let ownID = PersonID(record.recordID) == existing.person.id
        let sourceIndex = ownID ? existing.record.person.sourceIndex : sourceIndex
        guard
            person != existing.person || employments != existing.employments
                || existing.record.person.sourceIndex != sourceIndex
        else { return .unchanged }
        person.updatedAt = max(record.updatedAt ?? now, existing.person.updatedAt)
        if let problem = validate(person, record: record, now: now) { return .problem(problem) }
        let key = try codec.dataKey(existing.record)
        let changed = try zip(existing.employments, employments).filter { $0.0 != $0.1 }.map {
            try codec.sealEmployment($0.1, with: key)
        }
        return .update(try codec.sealPerson(person, with: key, sourceIndex: sourceIndex), changed)
    }

    private func validate(_ person: Person, record: PeopleCSVRecord, now: Date) -> CSVProblem? {
        do {
            try person.validate(today: CalendarDate(now))
            return nil
        } catch {
            let first = error.errors.first
            return CSVProblem(
                line: record.line, column: first.map { Self.column(for: $0.field) }, reason: first?.reason ?? "invalid")
        }
    }

    /// The people-file column a domain field comes from.
    static func column(for field: String) -> String {
        switch field {
        case "dateOfBirth": "date_of_birth"
        case "dateOfDeath": "date_of_death"
        case "nino": "ni_number"
        case "staffNumber": "staff_number"
        default: field
        }
    }
}

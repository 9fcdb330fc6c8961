import DoseCore
import Foundation
import Interchange
import SievertStorage

/// Turns import decisions into sealed rows. Pure given the organisation's keys, so lines are sealed in
/// parallel across cores (encryption is the import's largest cost after matching).
struct ImportSealing: Sendable {
    enum Outcome: Sendable {
        case problem(CSVProblem)
        case create(PersonRow, WrappedKeyRow, EmploymentRow)
        /// The person's new row, their changed employments, and their record as the import read it.
        case update(PersonRow, [EmploymentRow], read: PersonRecord)
        case unchanged
    }

    let organisation: OrganisationID
    let codec: PersonCodec
    let now: Date

    /// The outcome of every decision, in the same order.
    func outcomes(_ decisions: [ImportMatcher.Decision]) async throws -> [Outcome] {
        let chunkSize = 512
        let chunks = stride(from: 0, to: decisions.count, by: chunkSize).map {
            Array(decisions[$0..<min($0 + chunkSize, decisions.count)])
        }
        return try await withThrowingTaskGroup(of: (Int, [Outcome]).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask { (index, try chunk.map(outcome)) }
            }
            var results = [[Outcome]](repeating: [], count: chunks.count)
            for try await (index, outcomes) in group { results[index] = outcomes }
            return results.flatMap { $0 }
        }
    }

    func outcome(_ decision: ImportMatcher.Decision) throws -> Outcome {
        switch decision {
        case .problem(let problem): .problem(problem)
        case .create(let record, let sourceIndex): try create(record, sourceIndex: sourceIndex, now: now)
        case .update(let existing, let record, let sourceIndex):
            try update(existing, with: record, sourceIndex: sourceIndex, now: now)
        }
    }

    func create(_ record: PeopleCSVRecord, sourceIndex: Int64, now: Date) throws -> Outcome {
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

    func update(_ existing: ImportMatcher.Existing, with record: PeopleCSVRecord, sourceIndex: Int64, now: Date) throws
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
        return .update(
            try codec.sealPerson(person, with: key, sourceIndex: sourceIndex), changed, read: existing.record)
    }

    func validate(_ person: Person, record: PeopleCSVRecord, now: Date) -> CSVProblem? {
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

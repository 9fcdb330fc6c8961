import DoseCore
import Foundation
import Interchange
import SievertStorage

/// Decides, for each line of a people file at one organisation, whether it creates a person, updates
/// one, changes nothing, or is a problem. Blind indexes narrow the candidates; decryption confirms.
struct ImportMatcher {
    /// What a line will do, decided in file order; sealing the rows comes after, in parallel.
    enum Decision: Sendable {
        case problem(CSVProblem)
        case create(PeopleCSVRecord, sourceIndex: Int64)
        case update(Existing, PeopleCSVRecord, sourceIndex: Int64)
    }

    /// A stored person a line matched, opened.
    struct Existing: Sendable {
        var record: PersonRecord
        var person: Person
        var employments: [Employment]
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

    mutating func resolve(_ record: PeopleCSVRecord) async throws -> Decision {
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
            return .create(record, sourceIndex: sourceIndex)
        }
        if let line = claimed[existing.record.person.id] {
            return .problem(
                CSVProblem(line: record.line, column: "record_id", reason: "matches the same person as line \(line)"))
        }
        claimed[existing.record.person.id] = record.line
        return .update(existing, record, sourceIndex: sourceIndex)
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
}

import DoseCore
import Foundation
import Interchange
import SievertStorage

/// Writes an organisation's people in the people CSV format (`sievert export people`).
///
/// A decrypting operation: one audit event per person written, plus one for the export itself.
public struct PeopleExport: Sendable {
    let store: any RecordStore
    let people: PeopleService
    let organisations: OrganisationService
    let clock: @Sendable () -> Date

    /// Streams the organisation's people page by page to `write`; returns the number of people written.
    public func run(
        organisationCode: String, by caller: Caller, write: ([UInt8]) throws -> Void
    ) async throws -> Int {
        guard caller.role == .rpsAdmin || caller.role == .orgLead else {
            throw ServiceError.forbidden("this role may not export people")
        }
        let organisation = try await organisations.find(code: organisationCode, caller: caller)
        let codec = try await people.codec(for: organisation.id, caller: caller)
        let code = try OrganisationCode(organisation.code)
        try write(PeopleCSV.write([PeopleCSVRecord]()))
        var count = 0
        try await store.forEachPeoplePage(of: organisation.id, includeCanaries: false, scope: caller.scope) { page in
            var records: [PeopleCSVRecord] = []
            for record in page {
                let (person, employments) = try codec.open(record)
                let employment = employments.last(where: { $0.end == nil }) ?? employments.last
                records.append(
                    PeopleCSVRecord(
                        line: 0, recordID: person.id.description, organisationCode: code,
                        staffNumber: employment?.staffNumber, identity: person.identity, contact: person.contact,
                        status: person.status, dateOfDeath: person.dateOfDeath, updatedAt: person.updatedAt))
            }
            try write(CSVWriter.encode(records.map(PeopleCSV.row(for:))))
            try await people.audit(caller, "person.export", people: page.map(\.person), purpose: "export")
            count += page.count
        }
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "people.export", subject: nil, organisation: organisation.id, purpose: "export",
                at: clock(), outcome: "rows=\(count)")
        ]
        changes.auditEvents += people.monitor.observeExport(
            caller, rows: count, organisation: organisation.id, at: clock())
        try await people.apply(changes, caller)
        return count
    }
}

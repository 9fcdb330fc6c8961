import DoseCore
import Foundation
import Interchange
import SievertServices
import SievertTestSupport
import Testing

/// Regression: a match by import record id is taken without decryption, so its index must never collide.
@Suite("Record-id matching at scale")
struct RecordIDMatchingTests {
    @Test("3,000 people with neither staff number nor NINO are each matched back to themselves by record id")
    func recordIDs() async throws {
        try await withTestRuntime { test in
            let console = Caller.console(requestID: "record-id")
            _ = try await test.sievert.organisations.register(
                NewOrganisation(code: "RIDS", name: "Record ids", kind: "other"), by: console)
            let code = try OrganisationCode("RIDS")
            var records = (0..<3000).map { index in
                PeopleCSVRecord(
                    line: index + 2, recordID: "ID\(index)", organisationCode: code, staffNumber: nil,
                    identity: PersonIdentity(forenames: nil, surname: "Person\(index)"),
                    contact: ContactDetails(), status: .active, dateOfDeath: nil, updatedAt: nil)
            }
            let first = try await test.sievert.peopleImport.run(PeopleCSV.write(records), by: console)
            #expect(first.created == 3000)
            for index in records.indices { records[index].contact.email = "person\(index)@example.org" }
            let second = try await test.sievert.peopleImport.run(PeopleCSV.write(records), by: console)
            #expect(second.created == 0 && second.updated == 3000 && second.problems.isEmpty)

            var after: PersonID?
            var checked = 0
            while true {
                let page = try await test.sievert.people.list(
                    organisationCode: "RIDS", after: after, limit: 500, by: console)
                for person in page.people {
                    let index = try #require(Int(person.surname.dropFirst("Person".count)))
                    #expect(person.email == "person\(index)@example.org")
                    checked += 1
                }
                guard let next = page.next else { break }
                after = next
            }
            #expect(checked == 3000)
        }
    }
}

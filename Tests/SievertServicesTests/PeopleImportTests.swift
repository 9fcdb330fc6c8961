import DoseCore
import Foundation
import Interchange
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// Matching rules of bulk registration: staff number within the organisation, then NINO, then record id.
@Suite("People import matching")
struct PeopleImportTests {
    static let console = Caller.console(requestID: "import-test")

    static func record(
        _ id: String, org: String = "MATCH", staff: String?, surname: String, nino: String?, email: String? = nil
    ) throws -> PeopleCSVRecord {
        PeopleCSVRecord(
            line: 0, recordID: id, organisationCode: try OrganisationCode(org), staffNumber: staff,
            identity: PersonIdentity(
                forenames: "Testforename", surname: surname, dateOfBirth: CalendarDate(year: 1985, month: 5, day: 5),
                sex: .female, nino: try nino.map { try NINO(parsing: $0) }),
            contact: ContactDetails(email: email, phone: nil, address: nil, postcode: nil), status: .active,
            dateOfDeath: nil, updatedAt: nil)
    }

    static func importing(_ records: [PeopleCSVRecord], into sievert: Sievert) async throws -> PeopleImportReport {
        try await sievert.peopleImport.run(PeopleCSV.write(records), by: console)
    }

    @Test("a line matches by staff number first, then NINO, then record id", arguments: StoreKind.available)
    func matchingOrder(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "MATCH", name: "M", kind: "other"), by: Self.console)
            let first = try await Self.importing(
                [
                    try Self.record("a", staff: "S1", surname: "Staffmatch", nino: nil),
                    try Self.record("b", staff: nil, surname: "Ninomatch", nino: "AB123456C"),
                    try Self.record("c", staff: nil, surname: "Idmatch", nino: nil),
                ], into: sievert)
            #expect(first.created == 3 && first.committed)

            // Each line changes its email and carries only the key it should be matched by.
            let second = try await Self.importing(
                [
                    try Self.record("x1", staff: "S1", surname: "Staffmatch", nino: nil, email: "one.one@example.org"),
                    try Self.record(
                        "x2", staff: nil, surname: "Ninomatch", nino: "AB 12 34 56 C", email: "two.two@example.org"),
                    try Self.record("c", staff: nil, surname: "Idmatch", nino: nil, email: "three.three@example.org"),
                ], into: sievert)
            #expect(second.created == 0)
            #expect(second.updated == 3)
            let page = try await sievert.people.list(organisationCode: "MATCH", after: nil, limit: 10, by: Self.console)
            #expect(page.people.count == 3)
            #expect(
                Set(page.people.compactMap(\.email)) == [
                    "one.one@example.org", "two.two@example.org", "three.three@example.org",
                ])
        }
    }

    @Test("the same staff number or NINO twice in one file is an error for the later line")
    func duplicatesWithinFile() async throws {
        try await withTestRuntime { test in
            _ = try await test.sievert.organisations.register(
                NewOrganisation(code: "MATCH", name: "M", kind: "other"), by: Self.console)
            var records = [
                try Self.record("a", staff: "S1", surname: "Firstperson", nino: "AB123456C"),
                try Self.record("b", staff: "S1", surname: "Secondperson", nino: nil),
                try Self.record("c", staff: "S3", surname: "Thirdperson", nino: "AB123456C"),
            ]
            for index in records.indices { records[index].line = index + 2 }
            let report = try await Self.importing(records, into: test.sievert)
            #expect(!report.committed)
            #expect(report.problems.map(\.line) == [3, 4])
            #expect(report.problems.map(\.column) == ["staff_number", "ni_number"])
            #expect(
                try await test.sievert.people.list(organisationCode: "MATCH", after: nil, limit: 10, by: Self.console)
                    .people.isEmpty)
        }
    }

    @Test("an organisation lead cannot import into another organisation")
    func leadScope() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "MATCH", name: "M", kind: "other"), by: Self.console)
            let other = try await sievert.organisations.register(
                NewOrganisation(code: "OTHER", name: "O", kind: "other"), by: Self.console)
            let lead = Caller(actor: "lead", role: .orgLead, organisations: .only([other.id]), requestID: "r")
            let report = try await sievert.peopleImport.run(
                PeopleCSV.write([try Self.record("a", staff: "S1", surname: "Intruderson", nino: nil)]), by: lead)
            #expect(!report.committed)
            #expect(report.problems.first?.column == "organisation_code")
            #expect(try await sievert.store.countPeople(of: other.id, scope: .service(actor: "t")) == 0)
        }
    }

    @Test("every imported person and the import itself are audited, without personal values")
    func audited() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "MATCH", name: "M", kind: "other"), by: Self.console)
            _ = try await Self.importing(
                [try Self.record("a", staff: "S1", surname: "Auditedperson", nino: "AB123456C")], into: sievert)
            let events = try await sievert.store.auditEvents(after: 0, limit: 100)
            #expect(events.map(\.action).suffix(2) == ["person.import-create", "people.import"])
            let text = events.map { "\($0)" }.joined()
            #expect(!text.contains("Auditedperson") && !text.contains("AB123456C"))
        }
    }
}

import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertServices
import SievertTestSupport
import Testing

@Suite("Passbook API")
struct PassbookAPITests {
    @Test("a lead downloads a classified worker's passbook over a real socket; the other lead gets 404")
    func download() async throws {
        try await withAPI { fixture in
            var input = NewPerson(surname: "Carrier")
            input.forenames = "Cara"
            input.dateOfBirth = "1982-02-02"
            input.startDate = "2024-01-01"
            input.designation = "classified"
            let person = try await fixture.test.sievert.people.register(input, in: "ORGA", by: Caller.console())
            _ = try await fixture.test.sievert.doses.record(
                NewDoseEntry(
                    periodBegin: "2026-04-01", periodEnd: "2026-04-30", quantity: "effective", kind: "estimated",
                    mSv: "0.25"), for: person.id, by: Caller.console())
            try await fixture.app.testOnSocket { client in
                let response = try await client.call("/api/v1/people/\(person.id)/passbook", token: fixture.leadA)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"passbook-PB-") == true)
                #expect(response.text.contains("Carrier"))
                #expect(
                    try await client.call("/api/v1/people/\(person.id)/passbook", token: fixture.leadB).status
                        == .notFound)
                #expect(
                    try await client.call("/api/v1/people/not-an-id/passbook", token: fixture.leadA).status
                        == .badRequest)
            }
        }
    }
}

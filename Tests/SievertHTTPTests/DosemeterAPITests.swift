import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Interchange
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Dosemeter API")
struct DosemeterAPITests {
    @Test("a lead runs a month's dispatch over a real socket; the lab downloads only the pseudonymous lab file")
    func dispatch() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            var input = NewPerson(surname: "Dispatchee")
            // Values a random participant code (Crockford base32 letters and digits) can never contain by chance:
            // a code once held "D1", the staff number this test had.
            input.staffNumber = "D-1"
            input.dateOfBirth = "1984-04-04"
            input.startDate = "2025-01-01"
            let person = try await sievert.people.register(input, in: "ORGA", by: Caller.console())
            let lab = try await sievert.tokens.issue(
                role: .lab, organisationCode: "ORGA", validFor: 1, by: Caller.console()
            ).token
            let labB = try await sievert.tokens.issue(
                role: .lab, organisationCode: "ORGB", validFor: 1, by: Caller.console()
            ).token
            let lead = fixture.leadA
            try await fixture.app.testOnSocket { client in
                let received = try await client.call(
                    "/api/v1/organisations/ORGA/dosemeters", .post, token: lead,
                    body: #"{"kind":"whole-body","technology":"OSL","serials":["W-1","W-2"]}"#)
                #expect(received.status == .created, "\(received.text)")
                let assigned = try await client.call(
                    "/api/v1/organisations/ORGA/assignments", .post, token: lead,
                    body:
                        #"{"assignments":[{"person":"\#(person.id)","position":"chest","frequency":"monthly","starts":"2026-01-01"}]}"#
                )
                #expect(assigned.status == .created, "\(assigned.text)")
                let issued = try await client.call(
                    "/api/v1/organisations/ORGA/issue-lists", .post, token: lead, body: #"{"month":"2026-02"}"#)
                #expect(issued.status == .created, "\(issued.text)")
                let again = try await client.call(
                    "/api/v1/organisations/ORGA/issue-lists", .post, token: lead, body: #"{"month":"2026-02"}"#)
                #expect(again.status == .ok)
                #expect(try again.json(IssueList.self).issuedNow == 0)

                let file = try await client.call("/api/v1/organisations/ORGA/issue-lists/2026-02", token: lab)
                #expect(file.status == .ok)
                #expect(file.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(file.headers[.cacheControl] == "no-store")
                #expect(file.text.hasPrefix(LabIssueListCSV.header.joined(separator: ",")))
                #expect(file.text.split(whereSeparator: \.isNewline).count == 3)
                for secret in ["Dispatchee", "1984-04-04", "D-1", person.id.description] {
                    #expect(!file.text.contains(secret), "the lab file carries \(secret)")
                }
                // The JSON form is refused to the lab as a role denial (schemathesis: a schema-valid request
                // answered 400), and the denial is in the ledger.
                let json = try await client.call(
                    "/api/v1/organisations/ORGA/issue-lists/2026-02?format=json", token: lab)
                #expect(json.status == .forbidden)
                #expect(try json.problem().type.hasSuffix("/forbidden"))
                let denials = try await fixture.test.sievert.store.auditEvents(after: 0, limit: 10_000).filter {
                    $0.action == "authz.deny" && $0.purpose.contains("issue-lists")
                }
                #expect(denials.count == 1)
                #expect(
                    try await client.call("/api/v1/organisations/ORGA/issue-lists/2026-02", token: labB).status
                        == .notFound)
                #expect(
                    try await client.call("/api/v1/organisations/ORGA/issue-lists/2026-03", token: lead).status
                        == .notFound)

                let out = try await client.call(
                    "/api/v1/organisations/ORGA/unreturned?asOf=2026-04-30", token: lead)
                let rows = try out.json([UnreturnedDosemeterView].self)
                #expect(rows.map(\.ageDays).sorted() == [61, 61])
                #expect(rows.allSatisfy { $0.overdue })
                let returned = try await client.call(
                    "/api/v1/organisations/ORGA/returns", .post, token: lead,
                    body: #"{"serial":"\#(rows[0].serial)","month":"2026-02","status":"returned","on":"2026-03-05"}"#)
                #expect(returned.status == .ok, "\(returned.text)")
                #expect(
                    try await client.call("/api/v1/organisations/ORGA/unreturned?asOf=2026-04-30", token: lead)
                        .json([UnreturnedDosemeterView].self).count == 1)
            }
        }
    }

    @Test("bad input gets problem+json naming the field, and nothing is written")
    func badInput() async throws {
        try await withAPI { fixture in
            let lead = fixture.leadA
            try await fixture.app.test(.router) { client in
                let cases: [(String, HTTPRequest.Method, String, String)] = [
                    (
                        "/api/v1/organisations/ORGA/dosemeters", .post,
                        #"{"kind":"toaster","technology":"OSL","serials":["A"]}"#, "kind"
                    ),
                    ("/api/v1/organisations/ORGA/issue-lists", .post, #"{"month":"2026-13"}"#, "month"),
                    (
                        "/api/v1/organisations/ORGA/dosimetry-settings", .put,
                        #"{"wearAnchorMonth":13,"returnDueDays":30}"#, "wearAnchorMonth"
                    ),
                    (
                        "/api/v1/organisations/ORGA/assignments", .post,
                        #"{"assignments":[{"person":"x","position":"chest","frequency":"monthly"}]}"#, "person"
                    ),
                    (
                        "/api/v1/organisations/ORGA/returns", .post,
                        #"{"serial":"A","month":"2026-02","status":"eaten"}"#, "status"
                    ),
                ]
                for (path, method, body, field) in cases {
                    let response = try await client.call(path, method, token: lead, body: body)
                    #expect(response.status == .unprocessableContent, "\(path): \(response.status)")
                    #expect(try response.problem().errors?.map(\.field).contains(field) == true, "\(response.text)")
                }
                let huge =
                    "{\"kind\":\"whole-body\",\"technology\":\"OSL\",\"serials\":["
                    + Array(repeating: "\"S\"", count: 60_000).joined(separator: ",") + "]}"
                let tooBig = try await client.call(
                    "/api/v1/organisations/ORGA/dosemeters", .post, token: lead, body: huge)
                #expect(tooBig.status.code >= 400 && tooBig.status.code < 500)
                #expect(
                    try await client.call(
                        "/api/v1/organisations/ORGA/assignments/nonsense/end", .post, token: lead, body: "{}"
                    ).status == .badRequest)
                #expect(
                    try await client.call("/api/v1/organisations/ORGA/unreturned?asOf=yesterday", token: lead).status
                        == .unprocessableContent)
            }
            #expect(try await fixture.test.sievert.dosemeters.inventory(organisation: "ORGA", by: .console()).isEmpty)
        }
    }
}

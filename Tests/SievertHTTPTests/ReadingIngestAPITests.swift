import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertServices
import SievertTestSupport
import Testing

@Suite("Lab JSON ingest")
struct ReadingIngestAPITests {
    @Test("the lab posts a batch over a real socket: netted, stored once, and a bad cell names its reading and field")
    func ingest() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            var input = NewPerson(surname: "Ingested")
            input.staffNumber = "I1"
            let person = try await sievert.people.register(input, in: "ORGA", by: Caller.console())
            let code = try #require(
                try await sievert.participants.codes(for: person.id, by: Caller.console()).values.first)
            let lab = try await sievert.tokens.issue(
                role: .lab, organisationCode: "ORGA", validFor: 1, by: Caller.console()
            )
            .token
            let batch = """
                {"readings":[
                  {"serial":"C-1","position":"none","periodBegin":"2026-02-01","periodEnd":"2026-02-28","hp10":"0.05","hp007":"0.05","version":1},
                  {"serial":"B-1","participantCode":"\(code)","position":"chest","periodBegin":"2026-02-01","periodEnd":"2026-02-28","hp10":"0.40","hp007":"M","version":1}
                ]}
                """
            try await fixture.app.testOnSocket { client in
                let first = try await client.call("/api/v1/organisations/ORGA/readings", .post, token: lab, body: batch)
                #expect(first.status == .created, "\(first.text)")
                #expect(first.text.contains(#""doseEntries":2"#))
                let again = try await client.call("/api/v1/organisations/ORGA/readings", .post, token: lab, body: batch)
                #expect(again.status == .ok)
                #expect(again.text.contains(#""alreadyImported":2"#))
                let bad = try await client.call(
                    "/api/v1/organisations/ORGA/readings", .post, token: lab,
                    body:
                        #"{"readings":[{"serial":"B-2","participantCode":"\#(code)","position":"chest","periodBegin":"2026-03-01","periodEnd":"2026-03-31","hp10":"-1","version":1}]}"#
                )
                #expect(bad.status == .unprocessableContent)
                #expect(try bad.problem().errors?.first?.field == "readings[0].hp10")
                // The lab cannot post for another organisation, nor read anyone.
                #expect(
                    try await client.call("/api/v1/organisations/ORGB/readings", .post, token: lab, body: batch).status
                        == .notFound)
                #expect(try await client.call("/api/v1/people/\(person.id)", token: lab).status == .forbidden)
            }
            let history = try await sievert.doses.history(
                of: person.id, asOf: try CalendarDate(iso: "2026-02-28"), by: Caller.console())
            #expect(history.entries.first { $0.quantity == .effective }?.mSv == "0.35")
            #expect(history.entries.first { $0.quantity == .skin }?.belowReportingLevel == true)
            #expect(history.entries.count == 2)
        }
    }
}

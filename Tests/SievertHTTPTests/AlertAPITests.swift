import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertServices
import SievertTestSupport
import Testing

@Suite("Dose alert API")
struct AlertAPITests {
    @Test("a lead's estimate raises an alert she works through over a real socket; the other lead cannot touch it")
    func workflow() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            var input = NewPerson(surname: "Alerted")
            input.dateOfBirth = "1979-09-09"
            input.startDate = "2020-01-01"
            input.designation = "classified"
            let person = try await sievert.people.register(input, in: "ORGA", by: Caller.console())
            try await fixture.app.testOnSocket { client in
                let levels = try await client.call(
                    "/api/v1/organisations/ORGA/investigation-levels", .put, token: fixture.leadA,
                    body: #"{"organisation":{"effective":"3"},"groups":{}}"#)
                #expect(levels.status == .ok, "\(levels.text)")
                let recorded = try await client.call(
                    "/api/v1/people/\(person.id)/doses", .post, token: fixture.leadA,
                    body:
                        #"{"periodBegin":"2026-06-01","periodEnd":"2026-06-30","quantity":"effective","kind":"estimated","mSv":"3.5"}"#
                )
                #expect(recorded.status == .created, "\(recorded.text)")
                let list = try await client.call("/api/v1/organisations/ORGA/alerts", token: fixture.leadA)
                let alerts = try list.json([AlertView].self)
                #expect(alerts.map(\.kind) == [.overInvestigationLevel])
                #expect(alerts.first?.thresholdMSv == "3.00")
                let id = try #require(alerts.first?.id)
                #expect(
                    try await client.call("/api/v1/alerts", token: fixture.leadB).json([AlertView].self).isEmpty)
                #expect(
                    try await client.call(
                        "/api/v1/alerts/\(id)/steps", .post, token: fixture.leadB, body: #"{"state":"acknowledged"}"#
                    ).status == .notFound)
                let skipped = try await client.call(
                    "/api/v1/alerts/\(id)/steps", .post, token: fixture.leadA, body: #"{"state":"closed","note":"x"}"#)
                #expect(skipped.status == .conflict)
                let acknowledged = try await client.call(
                    "/api/v1/alerts/\(id)/steps", .post, token: fixture.leadA, body: #"{"state":"acknowledged"}"#)
                #expect(acknowledged.status == .ok)
                #expect(try acknowledged.json(AlertView.self).state == .acknowledged)
                #expect(
                    try await client.call("/api/v1/alerts?state=acknowledged", token: fixture.admin)
                        .json([AlertView].self).map(\.id) == [id])
                let recheck = try await client.call(
                    "/api/v1/organisations/ORGA/alerts/recheck", .post, token: fixture.leadA, body: #"{"year":2026}"#)
                #expect(try recheck.json([AlertView].self).isEmpty)
            }
        }
    }

    @Test("bad input gets problem+json naming the field")
    func badInput() async throws {
        try await withAPI { fixture in
            try await fixture.app.test(.router) { client in
                let cases: [(String, HTTPRequest.Method, String?, String)] = [
                    (
                        "/api/v1/organisations/ORGA/investigation-levels", .put,
                        #"{"organisation":{"lens":"a lot"},"groups":{}}"#, "organisation.lens"
                    ),
                    ("/api/v1/alerts?state=forgotten", .get, nil, "state"),
                    ("/api/v1/organisations/ORGA/alerts/recheck", .post, #"{"year":99999}"#, "year"),
                ]
                for (path, method, body, field) in cases {
                    let response = try await client.call(path, method, token: fixture.leadA, body: body)
                    #expect(response.status == .unprocessableContent, "\(path): \(response.status)")
                    #expect(try response.problem().errors?.map(\.field) == [field], "\(response.text)")
                }
                #expect(
                    try await client.call(
                        "/api/v1/alerts/not-an-id/steps", .post, token: fixture.leadA, body: #"{"state":"closed"}"#
                    ).status == .badRequest)
                let malformed = try await client.call(
                    "/api/v1/organisations/ORGA/investigation-levels", .put, token: fixture.leadA, body: "{\"organ")
                #expect(malformed.status == .badRequest)
            }
        }
    }
}

import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertApp
import SievertServices
import SievertTestSupport
import Testing

@Suite("Employments API")
struct EmploymentAPITests {
    @Test(
        "a person who left is re-employed with a new dose record; staff numbers stay unique",
        arguments: StoreKind.available)
    func reEmployment(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            try await fixture.app.test(.live) { client in
                let created = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: alice)
                let person = try created.json(PersonView.self)
                _ = try await client.call(
                    "/api/v1/people/\(person.id)/left", .post, token: fixture.leadA, body: #"{"date":"2024-01-31"}"#)

                let taken = try await client.call(
                    "/api/v1/people/\(person.id)/employments", .post, token: fixture.leadA,
                    body: #"{"staffNumber":"s-0001"}"#)
                #expect(taken.status == .unprocessableContent)
                #expect(try taken.problem().errors?.first?.field == "staffNumber")

                let opened = try await client.call(
                    "/api/v1/people/\(person.id)/employments", .post, token: fixture.leadA,
                    body: #"{"staffNumber":"S-0002","startDate":"2025-03-01","designation":"non-classified"}"#)
                #expect(opened.status == .created)
                let view = try opened.json(PersonView.self)
                #expect(view.status == .active)
                #expect(view.employments.map(\.staffNumber) == ["S-0001", "S-0002"])
                #expect(view.employments.map(\.end) == [CalendarDate(year: 2024, month: 1, day: 31), nil])

                let listed = try await client.call("/api/v1/people/\(person.id)/employments", token: fixture.leadA)
                #expect(try listed.json([EmploymentView].self).count == 2)
                let foreign = try await client.call("/api/v1/people/\(person.id)/employments", token: fixture.leadB)
                #expect(foreign.status == .notFound)
            }
        }
    }

    @Test("a classified designation before the 18th birthday is refused, naming the field")
    func classifiedAge() async throws {
        try await withAPI { fixture in
            try await fixture.app.test(.router) { client in
                let young =
                    #"{"surname":"Youngperson","dateOfBirth":"2010-05-05","designation":"classified","startDate":"2026-01-01"}"#
                let response = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: young)
                #expect(response.status == .unprocessableContent)
                #expect(try response.problem().errors?.first?.field == "designation")
            }
        }
    }
}

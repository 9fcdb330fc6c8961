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
            try await fixture.app.testOnSocket { client in
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
    @Test(
        "a record's limit terms over a real socket; bad, hostile and huge bodies name the field and change nothing",
        arguments: StoreKind.available)
    func limitTerms(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            try await fixture.app.testOnSocket { client in
                let created = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: alice)
                let person = try created.json(PersonView.self)
                let path = "/api/v1/people/\(person.id)"

                let declared = try await client.call(
                    "\(path)/pregnancies", .post, token: fixture.leadA, body: #"{"declared":"2026-01-05"}"#)
                #expect(declared.status == .ok)
                #expect(
                    try declared.json(PersonView.self).employments.first?.pregnancies.map(\.declared.iso) == [
                        "2026-01-05"
                    ])
                let ended = try await client.call(
                    "\(path)/pregnancies/end", .post, token: fixture.leadA, body: #"{"ended":"2026-02-01"}"#)
                #expect(
                    try ended.json(PersonView.self).employments.first?.pregnancies.first?.ended?.iso == "2026-02-01")
                let designated = try await client.call(
                    "\(path)/designations", .post, token: fixture.leadA,
                    body: #"{"designation":"non-classified","from":"2026-03-01"}"#)
                #expect(
                    try designated.json(PersonView.self).employments.first?.designations.map(\.designation) == [
                        .classified, .nonClassified,
                    ])
                let authorised = try await client.call(
                    "\(path)/special-authorisations", .post, token: fixture.admin,
                    body: #"{"firstYear":2025,"quantities":["effective","lens"]}"#)
                #expect(authorised.status == .ok)
                let authorisation = try authorised.json(PersonView.self).employments.first?.specialAuthorisations
                #expect(
                    authorisation?.map(\.firstYear) == [2025]
                        && authorisation?.first?.quantities == [.effective, .lens])
                let byLead = try await client.call(
                    "\(path)/special-authorisations", .post, token: fixture.leadA, body: #"{"firstYear":2031}"#)
                #expect(byLead.status == .forbidden)
                let foreign = try await client.call(
                    "\(path)/pregnancies", .post, token: fixture.leadB, body: #"{"declared":"2026-04-01"}"#)
                #expect(foreign.status == .notFound || foreign.status == .forbidden)

                let huge = "{\"declared\":\"" + String(repeating: "9", count: 3_000_000) + "\"}"
                let cases: [(String, String, String?, Bool)] = [
                    ("pregnancies", #"{"declared":"2030-01-01"}"#, "declared", false),
                    ("pregnancies", #"{"declared":"2026-13-40"}"#, "declared", false),
                    ("pregnancies", #"{"declared":12}"#, "declared", true),
                    ("pregnancies", #"{"declared":"2026-04-01""#, nil, true),
                    ("pregnancies", #"{"declared":"2026-04-01","ended":"2026-05-01"}"#, "ended", false),
                    ("pregnancies/end", #"{"ended":"2026-05-01"}"#, "ended", false),
                    ("designations", #"{"designation":"overlord","from":"2026-05-01"}"#, "designation", false),
                    ("designations", #"{"designation":"classified","from":"2026-02-01"}"#, "designation", false),
                    (
                        "designations",
                        #"{"designation":"classified","from":"2026-05-01","employment":"'; DROP TABLE employments; --"}"#,
                        "employment", false
                    ),
                    // Foundation's decoder cannot say which field holds an out-of-range number (JSONBodyProblem).
                    ("special-authorisations", #"{"firstYear":99999999999999999999}"#, nil, true),
                    ("special-authorisations", #"{"firstYear":2027}"#, "firstYear", false),
                    ("special-authorisations", #"{"firstYear":2035,"quantities":[]}"#, "quantities", false),
                    ("special-authorisations", #"{"firstYear":2035,"quantities":["skin"]}"#, "quantities", false),
                    ("pregnancies", huge, nil, true),
                ]
                for (route, body, field, malformed) in cases {
                    let token = route == "special-authorisations" ? fixture.admin : fixture.leadA
                    let response = try await client.call("\(path)/\(route)", .post, token: token, body: body)
                    let expected: [HTTPResponse.Status] =
                        body == huge ? [.contentTooLarge] : malformed ? [.badRequest] : [.unprocessableContent]
                    #expect(expected.contains(response.status), "\(route) \(body.prefix(80)): \(response.status)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                    if let field {
                        #expect(
                            try response.problem().errors?.map(\.field).contains(field) == true, "\(body.prefix(80))")
                    }
                }
                // Nothing the refusals carried was stored.
                let after = try await client.call(path, token: fixture.leadA)
                let employment = try after.json(PersonView.self).employments.first
                #expect(employment?.pregnancies.count == 1 && employment?.designations.count == 2)
                #expect(employment?.specialAuthorisations.count == 1)
            }
        }
    }
}

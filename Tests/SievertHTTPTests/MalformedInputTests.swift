import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertServices
import SievertTestSupport
import Testing

/// Bad input gets a clear problem+json naming the field, never a 500 and never a partial write.
@Suite("Malformed and hostile API input")
struct MalformedInputTests {
    static let bodies: [(name: String, body: String, field: String?)] = [
        ("not JSON", "surname=Smith", nil),
        ("truncated JSON", #"{"surname":"Smi"#, nil),
        ("an array instead of an object", #"[1,2,3]"#, nil),
        ("a wrong type", #"{"surname":42}"#, "surname"),
        ("null where a string is required", #"{"surname":null}"#, "surname"),
        ("a missing required field", #"{"forenames":"Ann"}"#, "surname"),
        ("an invalid NINO", #"{"surname":"Jonesworth","nino":"QQ123456C"}"#, "nino"),
        ("an impossible date", #"{"surname":"Jonesworth","dateOfBirth":"2023-02-29"}"#, "dateOfBirth"),
        ("a UK-style date", #"{"surname":"Jonesworth","dateOfBirth":"17/03/1984"}"#, "dateOfBirth"),
        ("a future birth", #"{"surname":"Jonesworth","dateOfBirth":"2999-01-01"}"#, "dateOfBirth"),
        ("a bad sex code", #"{"surname":"Jonesworth","sex":"female"}"#, "sex"),
        ("a bad email", #"{"surname":"Jonesworth","email":"not an email"}"#, "email"),
        ("a bad postcode", #"{"surname":"Jonesworth","postcode":"90210"}"#, "postcode"),
        ("a bad designation", #"{"surname":"Jonesworth","designation":"boss"}"#, "designation"),
        ("an empty surname", #"{"surname":"   "}"#, "surname"),
        ("control characters", #"{"surname":"Jones\u0000worth"}"#, "surname"),
        ("deep nesting", String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), nil),
        (
            "binary garbage", String(decoding: (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self),
            nil
        ),
    ]

    @Test("every malformed person body is a 4xx problem naming the field, and nothing is written")
    func malformedBodies() async throws {
        try await withAPI { fixture in
            try await fixture.app.test(.router) { client in
                for (name, body, field) in Self.bodies {
                    let response = try await client.call(
                        "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: body)
                    #expect((400..<500).contains(response.status.code), "\(name): \(response.status)")
                    let problem = try response.problem()
                    if let field {
                        #expect(problem.errors?.map(\.field).contains(field) == true, "\(name): \(response.text)")
                    }
                }
                let empty = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: "")
                #expect(empty.status == .badRequest)
                let page = try await client.call("/api/v1/organisations/ORGA/people", token: fixture.leadA)
                #expect(page.text.contains(#""people":[]"#))
            }
        }
    }

    @Test("a body over the size limit is refused with 413 before it is read whole")
    func hugeBody() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let huge = #"{"surname":""# + String(repeating: "A", count: 10 * 1024 * 1024) + #""}"#
                let response = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: huge)
                #expect(response.status == .contentTooLarge)
                #expect(try response.problem().status == 413)
            }
        }
    }

    @Test("malformed ids, paging parameters and organisation bodies are 4xx problems")
    func malformedParameters() async throws {
        try await withAPI { fixture in
            try await fixture.app.test(.router) { client in
                for uri in [
                    "/api/v1/people/not-a-uuid", "/api/v1/people/%27%20OR%201%3D1--",
                    "/api/v1/organisations/ORGA/people?limit=0", "/api/v1/organisations/ORGA/people?limit=99999",
                    "/api/v1/organisations/ORGA/people?after=zzz",
                ] {
                    let response = try await client.call(uri, token: fixture.leadA)
                    #expect(response.status == .badRequest, "\(uri): \(response.status)")
                    _ = try response.problem()
                }
                for (body, field) in [
                    (#"{"code":"!!","name":"X","kind":"dental"}"#, "code"),
                    (#"{"code":"GOOD","name":"X","kind":"castle"}"#, "kind"),
                    (#"{"code":"GOOD","name":"","kind":"dental"}"#, "name"),
                ] {
                    let response = try await client.call(
                        "/api/v1/organisations", .post, token: fixture.admin, body: body)
                    #expect(response.status == .unprocessableContent)
                    #expect(try response.problem().errors?.first?.field == field)
                }
                let duplicate = try await client.call(
                    "/api/v1/organisations", .post, token: fixture.admin,
                    body: #"{"code":"orga","name":"X","kind":"dental"}"#)
                #expect(duplicate.status == .conflict)
                let registered = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: alice)
                let person = try registered.json(PersonView.self).id
                let date = try await client.call(
                    "/api/v1/people/\(person)/left", .post, token: fixture.leadA, body: #"{"date":"yesterday"}"#)
                #expect(date.status == .unprocessableContent)
                #expect(try date.problem().errors?.first?.field == "date")
            }
        }
    }

    // Found by Fuzz/fuzz-http-bodies (input `{1`: the account body `1`): a whole body of another type than an
    // object was a 400 whose field error named the field "".
    @Test("a body that is not a JSON object is a 400 that names no field")
    func bodyOfAnotherType() async throws {
        try await withAPI { fixture in
            try await fixture.app.test(.router) { client in
                for uri in ["/api/v1/organisations/ORGA/people", "/api/v1/accounts"] {
                    for body in ["1", "null", #""Jonesworth""#, "true", "[1,2,3]"] {
                        let response = try await client.call(uri, .post, token: fixture.leadA, body: body)
                        #expect(response.status == .badRequest, "\(uri) \(body): \(response.status)")
                        let problem = try response.problem()
                        #expect(problem.errors == nil, "\(uri) \(body): \(response.text)")
                        #expect(problem.detail == "the body must be a JSON object", "\(uri) \(body)")
                    }
                }
            }
        }
    }
}

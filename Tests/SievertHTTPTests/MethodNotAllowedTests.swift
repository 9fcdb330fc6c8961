import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertTestSupport
import Testing

/// A JSON API path asked with a method it does not have answers 405 with `Allow`, not 404 (as schemathesis'
/// unsupported-method check requires); unknown paths and the portal's pages keep their 404.
@Suite("405 Method Not Allowed")
struct MethodNotAllowedTests {
    @Test("405 with Allow and a problem document for a known API path and another method")
    func methodNotAllowed() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let cases: [(String, HTTPRequest.Method, String)] = [
                    ("/api/v1/organisations", .delete, "GET, HEAD, POST"),
                    ("/api/v1/organisations/ORGA/people", .put, "GET, HEAD, POST"),
                    ("/api/v1/organisations/ORGA/alerts/recheck", .get, "POST"),
                    ("/api/v1/organisations/ORGA/dosimetry-settings", .post, "GET, HEAD, PUT"),
                    ("/health", .post, "GET, HEAD"),
                    ("/openapi.json", .delete, "GET, HEAD"),
                    ("/api/v1/auth/sign-in", .get, "POST"),
                ]
                for (path, method, allow) in cases {
                    let response = try await client.call(path, method, token: fixture.admin)
                    #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    #expect(try response.problem().status == 405)
                }
                // Without a token too: the method is wrong whoever asks.
                let anonymous = try await client.call("/api/v1/tokens", .patch, token: nil)
                #expect(anonymous.status == .methodNotAllowed)
                #expect(anonymous.headers[.allow] == "GET, HEAD, POST")
            }
        }
    }

    @Test("unknown API paths are still 404, and the allowed method still reaches its handler")
    func stillNotFound() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let nowhere = try await client.call("/api/v1/nowhere", .delete, token: fixture.admin)
                #expect(nowhere.status == .notFound)
                let deeper = try await client.call("/api/v1/organisations/ORGA/people/extra", token: fixture.admin)
                #expect(deeper.status == .notFound)
                let list = try await client.call("/api/v1/organisations", token: fixture.admin)
                #expect(list.status == .ok)
                let anonymous = try await client.call("/api/v1/organisations", .delete, token: nil)
                #expect(anonymous.status == .methodNotAllowed)
            }
        }
    }
}

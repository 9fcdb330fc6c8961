import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// Helpers for calling the API in tests: bearer tokens, JSON bodies, problem documents.
extension TestClientProtocol {
    func call(
        _ uri: String, _ method: HTTPRequest.Method = .get, token: String?, body: String? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(body.readableBytesView))
    }

    /// The problem document; fails the test when the response is not `application/problem+json`.
    func problem() throws -> ProblemBody {
        #expect(headers[.contentType] == "application/problem+json")
        return try json(ProblemBody.self)
    }
}

struct ProblemBody: Decodable {
    struct FieldError: Decodable {
        var field: String
        var reason: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String?
    var errors: [FieldError]?
}

/// A runtime with two small organisations and tokens for an administrator and each organisation's lead.
struct APIFixture {
    let test: TestRuntime
    let admin: String
    let leadA: String
    let leadB: String

    static func make(
        _ kind: StoreKind = .sqlite, flags: [String: String] = [:], logger: Logger = TestLog.quiet
    ) async throws -> APIFixture {
        let test = try await TestRuntime.make(kind, flags: flags, logger: logger)
        let console = Caller.console()
        for (code, kind) in [("ORGA", "nhs-trust"), ("ORGB", "dental")] {
            _ = try await test.sievert.organisations.register(
                NewOrganisation(code: code, name: "Organisation \(code)", kind: kind), by: console)
        }
        let tokens = test.sievert.tokens
        return APIFixture(
            test: test,
            admin: try await tokens.issue(role: .rpsAdmin, organisationCode: nil, validFor: 1, by: console).token,
            leadA: try await tokens.issue(role: .orgLead, organisationCode: "ORGA", validFor: 1, by: console).token,
            leadB: try await tokens.issue(role: .orgLead, organisationCode: "ORGB", validFor: 1, by: console).token)
    }

    func dispose() async { await test.dispose() }

    var app: some ApplicationProtocol { test.runtime.application() }
}

func withAPI(
    _ kind: StoreKind = .sqlite, flags: [String: String] = [:], logger: Logger = TestLog.quiet,
    _ body: (APIFixture) async throws -> Void
) async throws {
    let fixture = try await APIFixture.make(kind, flags: flags, logger: logger)
    do {
        try await body(fixture)
        await fixture.dispose()
    } catch {
        await fixture.dispose()
        throw error
    }
}

let alice =
    #"{"forenames":"Alys","surname":"Pendragonfield","dateOfBirth":"1984-03-17","sex":"F","nino":"ab 12 34 56 c","email":"alys.p@example.org","postcode":"cf14 4xw","staffNumber":"S-0001","designation":"classified","startDate":"2020-01-06"}"#

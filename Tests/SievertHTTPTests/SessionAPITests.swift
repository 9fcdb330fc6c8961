import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Sign-in, sessions and the ledger API over HTTP")
struct SessionAPITests {
    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: String, cookie: String? = nil)
        async throws -> TestResponse
    {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let cookie { headers[.cookie] = "sievert_session=\(cookie)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, cookie: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = "sievert_session=\(cookie)" }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// The session token from a `Set-Cookie` header, checking its flags.
    static func sessionCookie(_ response: TestResponse) throws -> String {
        let header = try #require(response.headers[.setCookie])
        let attributes = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(attributes.contains("HttpOnly"))
        #expect(attributes.contains("Secure"))
        #expect(attributes.contains("SameSite=Strict"))
        #expect(attributes.contains("Path=/"))
        let pair = try #require(attributes.first)
        #expect(pair.hasPrefix("sievert_session=ss_"))
        return String(pair.dropFirst("sievert_session=".count))
    }

    @Test("an org lead enrols, signs in with password and code over a real socket, and signs out")
    func leadJourney() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let created = try await sievert.accounts.create(
                NewAccount(login: "lena.lead@trust.example", role: "org-lead", organisations: ["ORGA"]),
                by: Caller.console())
            try await fixture.app.testOnSocket { client in
                let weak = try await Self.post(
                    client, "/api/v1/auth/enrol", #"{"token":"\#(created.enrolmentToken)","password":"short"}"#)
                #expect(weak.status == .unprocessableContent)
                #expect(try weak.problem().errors?.first?.field == "password")
                let enrolled = try await Self.post(
                    client, "/api/v1/auth/enrol",
                    #"{"token":"\#(created.enrolmentToken)","password":"seven amber lanterns drift"}"#)
                #expect(enrolled.status == .ok)
                let key = try #require(try enrolled.json(Enrolment.self).totpSecret)
                let secret = try #require(TOTPAuthenticator.secret(fromManualEntryKey: key))
                let code = TOTPAuthenticator.code(secret: secret, step: TOTPAuthenticator.step(at: Date()))
                let signedIn = try await Self.post(
                    client, "/api/v1/auth/sign-in",
                    #"{"login":"LENA.LEAD@trust.example","password":"seven amber lanterns drift","code":"\#(code)"}"#)
                #expect(signedIn.status == .ok)
                let token = try Self.sessionCookie(signedIn)
                let me = try await Self.get(client, "/api/v1/auth/me", cookie: token)
                #expect(me.status == .ok)
                #expect(me.text.contains(#""role":"org-lead""#))
                #expect(me.headers[.cacheControl] == "no-store")
                // The session works for the lead's own organisation and not another's.
                #expect(try await Self.get(client, "/api/v1/organisations/ORGA/people", cookie: token).status == .ok)
                #expect(
                    try await Self.get(client, "/api/v1/organisations/ORGB/people", cookie: token).status == .notFound)
                let out = try await Self.post(client, "/api/v1/auth/sign-out", "{}", cookie: token)
                #expect(out.status == .noContent)
                #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
                #expect(try await Self.get(client, "/api/v1/auth/me", cookie: token).status == .unauthorized)
            }
        }
    }

    @Test("unknown login and wrong password get byte-identical answers; the lockout answers 429 with Retry-After")
    func noEnumerationOverHTTP() async throws {
        try await withTestRuntime(.sqlite, flags: ["auth.max.failures.account": "3"], sleep: RecordedSleeps().closure) {
            test in
            let known = try await test.sievert.enrolledAccount(login: "known.auditor", role: .auditor)
            try await test.runtime.application().testOnSocket { client in
                let wrong = try await Self.post(
                    client, "/api/v1/auth/sign-in", #"{"login":"known.auditor","password":"not the password"}"#)
                let unknown = try await Self.post(
                    client, "/api/v1/auth/sign-in", #"{"login":"nobody.at.all","password":"not the password"}"#)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.status == unknown.status)
                #expect(wrong.text == unknown.text)
                #expect(wrong.headers[.setCookie] == nil)
                for _ in 0..<2 {
                    _ = try await Self.post(
                        client, "/api/v1/auth/sign-in", #"{"login":"known.auditor","password":"not the password"}"#)
                }
                let locked = try await Self.post(
                    client, "/api/v1/auth/sign-in",
                    #"{"login":"known.auditor","password":"\#(known.password)"}"#)
                #expect(locked.status == .tooManyRequests)
                #expect(locked.headers[.retryAfter] != nil)
                #expect(try locked.problem().status == 429)
            }
        }
    }

    @Test("a wearer lists who accessed her record, each entry with an inclusion proof that verifies")
    func accessHistory() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let person = try await sievert.people.register(
                {
                    var p = NewPerson(surname: "Radiographer"); p.staffNumber = "W1"; return p
                }(), in: "ORGA",
                by: Caller.console())
            let wearer = try await sievert.enrolledAccount(login: "rhiannon", role: .wearer, person: person.id)
            try await fixture.app.testOnSocket { client in
                // The lead reads her record twice; the auditor's checkpoint then covers those reads.
                for _ in 0..<2 {
                    #expect(try await client.call("/api/v1/people/\(person.id)", token: fixture.leadA).status == .ok)
                }
                _ = try await fixture.test.runtime.ledger.checkpoint()
                let session = try await sievert.signIn.signIn(
                    login: wearer.login, password: wearer.password, code: nil, address: nil, requestID: "t")
                let response = try await Self.get(client, "/api/v1/me/access-history", cookie: session.token)
                #expect(response.status == .ok)
                let events = try response.json([LedgerEventView].self)
                let reads = events.filter { $0.action == "person.read" }
                #expect(reads.count == 2)
                #expect(reads.allSatisfy { $0.role == "org-lead" && $0.subject == person.id.description })
                #expect(reads.allSatisfy { $0.proof?.verified == true })
                #expect(events.contains { $0.action == "person.create" })
                // Her own look is recorded too.
                let again = try await Self.get(client, "/api/v1/me/access-history", cookie: session.token)
                #expect(try again.json([LedgerEventView].self).contains { $0.action == "access-history.read" })
                // She cannot read another person's record: not found, and the denial is recorded.
                let other = try await sievert.people.register(
                    {
                        var p = NewPerson(surname: "Someoneelse"); p.staffNumber = "W2"; return p
                    }(), in: "ORGA",
                    by: Caller.console())
                #expect(
                    try await Self.get(client, "/api/v1/people/\(other.id)", cookie: session.token).status == .notFound)
                let denials = try await sievert.store.auditEvents(actionPrefix: "authz.deny", limit: 10)
                #expect(denials.first?.actor == "account:\(wearer.id)")
                #expect(denials.first?.subjectID == other.id.description)
            }
        }
    }

    @Test("the auditor reads events, a proof, the verification status and a consistency proof")
    func auditorAPI() async throws {
        try await withAPI { fixture in
            let auditor = try await fixture.test.sievert.tokens.issue(
                role: .auditor, organisationCode: nil, validFor: 1, by: Caller.console()
            ).token
            _ = try await fixture.test.runtime.ledger.checkpoint()
            try await fixture.app.testOnSocket { client in
                let page = try await client.call("/api/v1/audit/events?after=0&limit=5", token: auditor)
                #expect(page.status == .ok)
                let events = try page.json([LedgerEventView].self)
                #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
                let one = try await client.call("/api/v1/audit/events/2", token: auditor)
                #expect(try one.json(LedgerEventView.self).proof?.verified == true)
                let status = try await client.call("/api/v1/audit/status", token: auditor)
                #expect(try status.json(LedgerStatus.self).intact)
                let consistency = try await client.call("/api/v1/audit/consistency?from=1", token: auditor)
                #expect(try consistency.json(ConsistencyView.self).verified)
                for bad in [
                    "/api/v1/audit/events?limit=0", "/api/v1/audit/events/abc", "/api/v1/audit/consistency",
                    "/api/v1/audit/consistency?from=999999999", "/api/v1/audit/events?after=-1",
                ] {
                    let response = try await client.call(bad, token: auditor)
                    #expect((400..<500).contains(response.status.code), "\(bad): \(response.status)")
                    _ = try response.problem()
                }
                // The lead may not read the ledger.
                #expect(try await client.call("/api/v1/audit/events", token: fixture.leadA).status == .forbidden)
            }
        }
    }
}

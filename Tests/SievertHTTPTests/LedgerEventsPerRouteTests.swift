import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// One call to each route that touches personal data or access appends exactly the events listed, naming the
/// caller, the subject and the request, and never a personal value.
@Suite("Ledger events per route")
struct LedgerEventsPerRouteTests {
    struct Call {
        var method: HTTPRequest.Method
        var path: String
        var body: String?
        var token: String?
        var expected: [String]
        /// Expected subject of every event, when it is one id.
        var subject: String?
    }

    @Test("each call appends exactly its expected ledger events", arguments: StoreKind.available)
    func eventsPerRoute(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            let sievert = fixture.test.sievert
            let console = Caller.console()
            let person = try await sievert.people.register(
                {
                    var p = NewPerson(surname: "Ledgerperson"); p.staffNumber = "L1"; return p
                }(), in: "ORGA",
                by: console)
            let other = try await sievert.people.register(
                {
                    var p = NewPerson(surname: "Secondperson"); p.staffNumber = "L2"; return p
                }(), in: "ORGA",
                by: console)
            let spare = try await sievert.accounts.create(NewAccount(login: "spare.one", role: "auditor"), by: console)
            let revocable = try await sievert.tokens.issue(
                role: .auditor, organisationCode: nil, validFor: 1, by: console)
            let p = person.id.description
            let code = try #require(try await sievert.participants.codes(for: person.id, by: console).values.first)
            let lab = try await sievert.tokens.issue(role: .lab, organisationCode: "ORGA", validFor: 1, by: console)
                .token
            let incident = try await sievert.incidents.declare(
                NewIncident(
                    summary: "Ledger drill", source: .ownSystems, occurredAt: Date(timeIntervalSinceNow: -60),
                    awareAt: Date(), contactPoint: "DPO"), by: console)
            let i = "incident:\(incident.id)"
            let calls: [Call] = [
                Call(
                    method: .get, path: "/api/v1/people/\(p)", token: fixture.leadA, expected: ["person.read"],
                    subject: p),
                Call(
                    method: .get, path: "/api/v1/people/\(p)/employments", token: fixture.leadA,
                    expected: ["person.read"], subject: p),
                Call(
                    method: .get, path: "/api/v1/organisations/ORGA/people", token: fixture.leadA,
                    expected: ["person.read", "person.read"]),
                Call(
                    method: .post, path: "/api/v1/organisations/ORGA/people",
                    body: #"{"surname":"Newcomer","staffNumber":"L3"}"#, token: fixture.leadA,
                    expected: ["person.create"]),
                Call(
                    method: .patch, path: "/api/v1/people/\(p)/contact", body: #"{"email":"new@example.org"}"#,
                    token: fixture.leadA, expected: ["person.update-contact"], subject: p),
                Call(
                    method: .post, path: "/api/v1/people/\(p)/doses",
                    body:
                        #"{"periodBegin":"2026-01-01","periodEnd":"2026-01-31","quantity":"effective","kind":"estimated","mSv":"0.42"}"#,
                    token: fixture.leadA, expected: ["dose.record"], subject: p),
                Call(
                    method: .get, path: "/api/v1/people/\(p)/doses", token: fixture.leadA, expected: ["dose.read"],
                    subject: p),
                Call(
                    method: .post, path: "/api/v1/people/\(p)/employments",
                    body: #"{"staffNumber":"L9","startDate":"2024-01-01"}"#, token: fixture.leadA,
                    expected: ["employment.create"]),
                Call(
                    method: .post, path: "/api/v1/people/\(p)/left", body: "{}", token: fixture.leadA,
                    expected: ["person.mark-left"], subject: p),
                Call(
                    method: .post, path: "/api/v1/people/\(other.id)/deceased", body: "{}", token: fixture.leadA,
                    expected: ["person.mark-deceased"], subject: other.id.description),
                // ORGA has no contacts on record: nothing personal is decrypted, so nothing is recorded.
                Call(method: .get, path: "/api/v1/organisations/ORGA", token: fixture.leadA, expected: []),
                Call(
                    method: .get, path: "/api/v1/people/\(p)", token: fixture.leadB, expected: ["authz.deny"],
                    subject: p),
                Call(
                    method: .post, path: "/api/v1/accounts", body: #"{"login":"new.auditor","role":"auditor"}"#,
                    token: fixture.admin, expected: ["account.create"]),
                Call(method: .get, path: "/api/v1/accounts", token: fixture.admin, expected: ["account.list"]),
                Call(
                    method: .post, path: "/api/v1/accounts/\(spare.account.id)/disable", body: "{}",
                    token: fixture.admin,
                    expected: ["account.disable"], subject: spare.account.id.description),
                Call(
                    method: .post, path: "/api/v1/tokens", body: #"{"role":"auditor"}"#, token: fixture.admin,
                    expected: ["token.issue"]),
                Call(
                    method: .delete, path: "/api/v1/tokens/\(revocable.id)", token: fixture.admin,
                    expected: ["token.revoke"], subject: revocable.id),
                Call(
                    method: .post, path: "/api/v1/auth/sign-in",
                    body: #"{"login":"nobody","password":"wrong password"}"#,
                    token: nil, expected: ["auth.sign-in"]),
                Call(method: .get, path: "/api/v1/audit/events", token: fixture.leadA, expected: ["authz.deny"]),
                Call(
                    method: .post, path: "/api/v1/organisations/ORGA/readings",
                    body:
                        #"{"readings":[{"serial":"L-1","participantCode":"\#(code)","position":"chest","periodBegin":"2026-01-01","periodEnd":"2026-01-31","hp10":"0.10","version":1}]}"#,
                    token: lab, expected: ["dose.record", "readings.import"]),
                Call(
                    method: .post, path: "/api/v1/organisations/ORGA/assignments",
                    body: #"{"assignments":[{"person":"\#(other.id)","position":"chest","frequency":"monthly"}]}"#,
                    token: fixture.leadA, expected: ["dosemeter.assign"], subject: other.id.description),
                Call(
                    method: .put, path: "/api/v1/organisations/ORGA/investigation-levels",
                    body: #"{"organisation":{"effective":"0.2"},"groups":{}}"#, token: fixture.leadA,
                    expected: ["alert.levels.set"]),
                // The level now lies below January's 0.52 mSv: the re-check raises, as the service, one alert for
                // each of the person's two employments (a level is the employer's, per record).
                Call(
                    method: .post, path: "/api/v1/organisations/ORGA/alerts/recheck", body: #"{"year":2026}"#,
                    token: fixture.leadA, expected: ["alert.raise", "alert.raise"], subject: p),
                Call(
                    method: .get, path: "/api/v1/organisations/ORGA/alerts", token: fixture.leadA,
                    expected: ["alert.read"], subject: p),
                Call(method: .get, path: "/api/v1/incidents", token: fixture.admin, expected: ["incident.list"]),
                Call(
                    method: .post, path: "/api/v1/incidents/\(incident.id)/decisions",
                    body: #"{"kind":"note","text":"Keys were not taken."}"#, token: fixture.admin,
                    expected: ["incident.decide"], subject: i),
                // Without the keys nothing is decrypted: one event for the scope.
                Call(
                    method: .post, path: "/api/v1/incidents/\(incident.id)/scope",
                    body: #"{"kind":"store-window","from":"2020-01-01T00:00:00Z"}"#, token: fixture.admin,
                    expected: ["incident.scope"], subject: i),
                Call(
                    method: .get, path: "/api/v1/incidents/\(incident.id)/report", token: fixture.admin,
                    expected: ["incident.report"], subject: i),
                Call(
                    method: .get, path: "/api/v1/incidents/\(incident.id)/report", token: fixture.leadA,
                    expected: ["authz.deny"]),
            ]
            try await fixture.app.test(.router) { client in
                for call in calls {
                    let before = try await Self.lastSequence(sievert)
                    var headers = HTTPFields()
                    if let token = call.token { headers[.authorization] = "Bearer \(token)" }
                    if call.body != nil { headers[.contentType] = "application/json" }
                    let response = try await client.execute(
                        uri: call.path, method: call.method, headers: headers,
                        body: call.body.map { ByteBuffer(string: $0) })
                    #expect(response.status.code < 500, "\(call.path): \(response.status)")
                    let events = try await sievert.store.auditEvents(after: before, limit: 100)
                    #expect(events.map(\.action) == call.expected, "\(call.method) \(call.path): \(response.status)")
                    if let subject = call.subject {
                        #expect(events.allSatisfy { $0.subjectID == subject }, "\(call.path)")
                    }
                    // Every event names a request, and none holds a surname, login name or e-mail of the fixture.
                    for event in events {
                        #expect(!event.requestID.isEmpty)
                        let text = "\(event)"
                        for value in [
                            "Ledgerperson", "Secondperson", "Newcomer", "new@example.org", "new.auditor", "spare.one",
                        ] {
                            #expect(!text.contains(value), "\(call.path) leaked \(value)")
                        }
                    }
                }
            }
        }
    }

    static func lastSequence(_ sievert: Sievert) async throws -> Int64 {
        var last: Int64 = 0
        while let next = try await sievert.store.auditEvents(after: last, limit: 10_000).last?.sequence { last = next }
        return last
    }
}

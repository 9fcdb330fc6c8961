import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SievertApp
import SievertHTTP
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// Every route × every role × own and other organisation, against a matrix declared here. A route added without
/// a policy, or a policy that drifts from this matrix, fails.
@Suite("Route × role authorisation matrix")
struct RoutePolicyMatrixTests {
    /// Who may call a route: everyone in `all`, and those in `own` only on their own organisation or person.
    struct Expected {
        var all: Set<String>
        var own: Set<String> = []
    }

    static let admin = "rps-admin"
    static let lead = "org-lead"
    static let wearer = "wearer"
    static let lab = "lab"
    static let auditor = "auditor"
    static let anonymous = "anonymous"
    static let everyone: Set<String> = [admin, lead, wearer, lab, auditor]

    /// The declared matrix. Keys are `METHOD /path` as the router names its routes.
    static let matrix: [String: Expected] = [
        "GET /health": Expected(all: everyone.union([anonymous])),
        "GET /ready": Expected(all: everyone.union([anonymous])),
        // Open to the policy; its own token, when set, is checked in the handler (MetricsEndpointTests).
        "GET /metrics": Expected(all: everyone.union([anonymous])),
        "GET /openapi.json": Expected(all: everyone.union([anonymous])),
        "POST /api/v1/auth/sign-in": Expected(all: everyone.union([anonymous])),
        "POST /api/v1/auth/enrol": Expected(all: everyone.union([anonymous])),
        "POST /api/v1/auth/sign-out": Expected(all: everyone),
        "POST /api/v1/auth/password": Expected(all: everyone),
        "GET /api/v1/auth/me": Expected(all: everyone),
        "POST /api/v1/accounts": Expected(all: [admin, lead]),
        "GET /api/v1/accounts": Expected(all: [admin]),
        "POST /api/v1/accounts/{id}/disable": Expected(all: [admin]),
        "POST /api/v1/tokens": Expected(all: [admin]),
        "GET /api/v1/tokens": Expected(all: [admin]),
        "DELETE /api/v1/tokens/{id}": Expected(all: [admin]),
        "POST /api/v1/organisations": Expected(all: [admin]),
        "GET /api/v1/organisations": Expected(all: [admin, lead]),
        "GET /api/v1/organisations/{code}": Expected(all: [admin], own: [lead]),
        "POST /api/v1/organisations/{code}/people": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/people": Expected(all: [admin], own: [lead]),
        "GET /api/v1/people/{id}": Expected(all: [admin], own: [lead, wearer]),
        "POST /api/v1/people/{id}/employments": Expected(all: [admin], own: [lead]),
        "GET /api/v1/people/{id}/employments": Expected(all: [admin], own: [lead, wearer]),
        "PATCH /api/v1/people/{id}/contact": Expected(all: [admin], own: [lead]),
        "GET /api/v1/people/{id}/doses": Expected(all: [admin], own: [lead, wearer]),
        "GET /api/v1/people/{id}/passbook": Expected(all: [admin], own: [lead, wearer]),
        "POST /api/v1/organisations/{code}/readings": Expected(all: [admin], own: [lab]),
        "POST /api/v1/people/{id}/doses": Expected(all: [admin], own: [lead]),
        "POST /api/v1/people/{id}/left": Expected(all: [admin], own: [lead]),
        "POST /api/v1/people/{id}/deceased": Expected(all: [admin], own: [lead]),
        "POST /api/v1/people/{id}/designations": Expected(all: [admin], own: [lead]),
        "POST /api/v1/people/{id}/pregnancies": Expected(all: [admin], own: [lead]),
        "POST /api/v1/people/{id}/pregnancies/end": Expected(all: [admin], own: [lead]),
        "POST /api/v1/people/{id}/special-authorisations": Expected(all: [admin]),
        "GET /api/v1/audit/events": Expected(all: [admin, auditor]),
        "GET /api/v1/audit/events/{sequence}": Expected(all: [admin, auditor]),
        "GET /api/v1/audit/status": Expected(all: [admin, auditor]),
        "GET /api/v1/audit/consistency": Expected(all: [admin, auditor]),
        "GET /api/v1/security/alerts": Expected(all: [admin]),
        "GET /api/v1/me/access-history": Expected(all: [wearer]),
        "POST /api/v1/organisations/{code}/dosemeters": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/dosemeters": Expected(all: [admin], own: [lead]),
        "POST /api/v1/organisations/{code}/assignments": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/assignments": Expected(all: [admin], own: [lead]),
        "POST /api/v1/organisations/{code}/assignments/{assignment}/end": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/dosimetry-settings": Expected(all: [admin], own: [lead]),
        "PUT /api/v1/organisations/{code}/dosimetry-settings": Expected(all: [admin], own: [lead]),
        "POST /api/v1/organisations/{code}/issue-lists": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/issue-lists/{month}": Expected(all: [admin], own: [lead, lab]),
        "POST /api/v1/organisations/{code}/returns": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/unreturned": Expected(all: [admin], own: [lead]),
        "GET /api/v1/alerts": Expected(all: [admin, lead]),
        "GET /api/v1/organisations/{code}/alerts": Expected(all: [admin], own: [lead]),
        "POST /api/v1/alerts/{alert}/steps": Expected(all: [admin, lead]),
        "POST /api/v1/organisations/{code}/alerts/recheck": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/investigation-levels": Expected(all: [admin], own: [lead]),
        "PUT /api/v1/organisations/{code}/investigation-levels": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/reports/period": Expected(all: [admin], own: [lead]),
        "GET /api/v1/organisations/{code}/reports/annual": Expected(all: [admin], own: [lead]),
        "GET /api/v1/people/{id}/employments/{employment}/termination-record": Expected(
            all: [admin], own: [lead, wearer]),
        "GET /api/v1/exports/cidi": Expected(all: [admin]),
        "GET /api/v1/incidents": Expected(all: [admin, auditor]),
        "POST /api/v1/incidents": Expected(all: [admin]),
        "GET /api/v1/incidents/{incident}": Expected(all: [admin, auditor]),
        "POST /api/v1/incidents/{incident}/decisions": Expected(all: [admin]),
        "POST /api/v1/incidents/{incident}/scope": Expected(all: [admin]),
        "POST /api/v1/incidents/{incident}/plan": Expected(all: [admin]),
        "POST /api/v1/incidents/{incident}/notices": Expected(all: [admin]),
        "GET /api/v1/incidents/{incident}/report": Expected(all: [admin, auditor]),
        "GET /api/v1/incidents/{incident}/notifications": Expected(all: [admin, lead]),
        "GET /api/v1/incidents/{incident}/letters": Expected(all: [admin, lead]),
        "PUT /api/v1/incidents/{incident}/people/{person}/delivery": Expected(all: [admin, lead]),
    ]

    @Test("every route of the router has a declared policy and a row in the matrix, and no row is stale")
    func everyRouteDeclared() async throws {
        try await withAPI { fixture in
            let built = buildRouterWithPolicies(fixture.test.sievert, ledger: fixture.test.runtime.ledger)
            let all = Set(built.router.routes.map { "\($0.method) \($0.path)" })
            // The portal's pages have their own table (and their own role checks, in PortalPageTests); the
            // stylesheet and the countdown script are the routes with no policy: they hold nothing but code.
            let pages = Set(built.pages.policies.keys)
            #expect(pages.isDisjoint(with: built.policies.policies.keys))
            #expect(
                all.subtracting(pages).subtracting(built.policies.policies.keys) == [
                    "GET /assets/sievert.css", "GET /assets/clock.js",
                ])
            let routes = Set(built.policies.policies.keys)
            #expect(all.isSuperset(of: routes))
            #expect(
                routes == Set(Self.matrix.keys),
                "router only: \(routes.subtracting(Self.matrix.keys)); matrix only: \(Set(Self.matrix.keys).subtracting(routes))"
            )
            // The roles each declared policy admits are the roles the matrix admits, own or all.
            for (route, policy) in built.policies.policies {
                guard let expected = Self.matrix[route] else { continue }
                let declared = policy.roles.map { Set($0.map(\.rawValue)) } ?? Self.everyone.union([Self.anonymous])
                #expect(declared == expected.all.union(expected.own), "\(route): declared \(policy)")
            }
        }
    }

    @Test("every route × role × own/other organisation is allowed or denied exactly as the matrix says")
    func matrixHolds() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let console = Caller.console()
            let personA = try await sievert.people.register(Self.person("Ownperson", "A1"), in: "ORGA", by: console)
            let personB = try await sievert.people.register(Self.person("Otherperson", "B1"), in: "ORGB", by: console)
            let wearer = try await sievert.enrolledAccount(login: "wendy.wearer", role: .wearer, person: personA.id)
            let spareAccount = try await sievert.enrolledAccount(login: "spare", role: .auditor)
            let tokens = sievert.tokens
            let lab = try await tokens.issue(role: .lab, organisationCode: "ORGA", validFor: 1, by: console).token
            let auditor = try await tokens.issue(role: .auditor, organisationCode: nil, validFor: 1, by: console).token
            _ = try await fixture.test.runtime.ledger.checkpoint()

            let tally = try await fixture.app.test(.router) { client in
                var checked = 0
                var crossOrganisation = 0
                var wronglyAllowed: [String] = []
                var wronglyDenied: [String] = []
                for (route, expected) in Self.matrix.sorted(by: { $0.key < $1.key }) {
                    let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                    let method = HTTPRequest.Method(rawValue: parts[0])!
                    for role in Self.everyone.union([Self.anonymous]).sorted() {
                        for own in [true, false] {
                            // A fresh spare token per call, so revoking one never disables the caller.
                            let spareToken = try await tokens.issue(
                                role: .auditor, organisationCode: nil, validFor: 1, by: console)
                            let path = Self.substitute(
                                parts[1], own: own, personA: personA.id, personB: personB.id,
                                account: spareAccount.id, token: spareToken.id
                            ).replacingOccurrences(
                                of: "{employment}",
                                with: (own ? personA : personB).employments.first?.id.description ?? "")
                            let mark = try await Self.denials(sievert)
                            var headers = HTTPFields()
                            switch role {
                            case Self.admin: headers[.authorization] = "Bearer \(fixture.admin)"
                            case Self.lead: headers[.authorization] = "Bearer \(fixture.leadA)"
                            case Self.lab: headers[.authorization] = "Bearer \(lab)"
                            case Self.auditor: headers[.authorization] = "Bearer \(auditor)"
                            case Self.wearer:
                                let session = try await sievert.signIn.signIn(
                                    login: wearer.login, password: wearer.password, code: nil, address: nil,
                                    requestID: "matrix")
                                headers[.cookie] = "sievert_session=\(session.token)"
                            default: break
                            }
                            let hasBody = method == .post || method == .patch || method == .put
                            if hasBody { headers[.contentType] = "application/json" }
                            let response = try await client.execute(
                                uri: path, method: method, headers: headers,
                                body: hasBody ? ByteBuffer(string: "{}") : nil)
                            let denialRecorded = try await Self.denials(sievert) > mark
                            let denied =
                                response.status == .unauthorized || response.status == .forbidden || denialRecorded
                            if response.status == .forbidden {
                                #expect(denialRecorded, "\(route) \(role): 403 unrecorded")
                            }
                            let allowed =
                                expected.all.contains(role) || (own && expected.own.contains(role))
                            if allowed && denied {
                                wronglyDenied.append("\(route) \(role) own=\(own): \(response.status)")
                            }
                            if !allowed && !denied {
                                wronglyAllowed.append("\(route) \(role) own=\(own): \(response.status)")
                            }
                            #expect(response.status != .internalServerError, "\(route) \(role): 500")
                            checked += 1
                            if !own && (route.contains("{code}") || route.contains("people/{id}")) {
                                crossOrganisation += 1
                            }
                        }
                    }
                }
                return (checked, crossOrganisation, wronglyAllowed, wronglyDenied)
            }
            #expect(tally.2.isEmpty, "allowed against the matrix: \(tally.2)")
            #expect(tally.3.isEmpty, "denied against the matrix: \(tally.3)")
            #expect(tally.0 == Self.matrix.count * 6 * 2)
            #expect(tally.1 >= 12 * 6)
        }
    }

    static func denials(_ sievert: Sievert) async throws -> Int {
        try await sievert.store.auditEvents(actionPrefix: "authz.deny", limit: 100_000).count
    }

    static func person(_ surname: String, _ staff: String) -> NewPerson {
        var person = NewPerson(surname: surname)
        person.staffNumber = staff
        return person
    }

    static func substitute(
        _ path: String, own: Bool, personA: PersonID, personB: PersonID, account: AccountID, token: String
    ) -> String {
        var result = path.replacingOccurrences(of: "{code}", with: own ? "ORGA" : "ORGB")
        if result.hasPrefix("/api/v1/people/") {
            result = result.replacingOccurrences(of: "{id}", with: (own ? personA : personB).description)
        } else if result.hasPrefix("/api/v1/accounts/") {
            result = result.replacingOccurrences(of: "{id}", with: account.description)
        } else if result.hasPrefix("/api/v1/tokens/") {
            result = result.replacingOccurrences(of: "{id}", with: token)
        }
        result = result.replacingOccurrences(of: "{sequence}", with: "1")
        // No such incident: an allowed caller gets 404, a refused one 403.
        result = result.replacingOccurrences(of: "{incident}", with: "01a20b2a-836c-786f-a0ac-bd68af38175b")
        result = result.replacingOccurrences(of: "{person}", with: (own ? personA : personB).description)
        if result.hasSuffix("/audit/consistency") { result += "?from=1" }
        return result
    }
}

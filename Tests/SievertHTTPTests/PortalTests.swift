import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SievertApp
import SievertHTTP
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("The portal's pages over a real socket")
struct PortalTests {
    static let password = "seven amber lanterns drift"

    /// An enrolled account; for roles with two factors, the TOTP secret.
    static func account(
        _ sievert: Sievert, login: String, role: Role, organisations: [String]? = nil, person: PersonID? = nil
    ) async throws -> String? {
        let created = try await sievert.accounts.create(
            NewAccount(login: login, role: role.rawValue, organisations: organisations, person: person?.description),
            by: Caller.console())
        let enrolment = try await sievert.accounts.enrol(
            token: created.enrolmentToken, password: password, requestID: "test")
        return enrolment.totpSecret.flatMap(TOTPAuthenticator.secret(fromManualEntryKey:))
    }

    static func code(_ secret: String, offset: Int64 = 0) -> String {
        TOTPAuthenticator.code(secret: secret, step: TOTPAuthenticator.step(at: Date()) + offset)
    }

    static func person(_ sievert: Sievert, _ surname: String, in code: String, nino: String? = nil) async throws
        -> PersonView
    {
        var input = NewPerson(surname: surname)
        input.forenames = "Test"
        input.dateOfBirth = "1985-06-01"
        input.nino = nino
        input.staffNumber = "S-\(surname)"
        input.designation = "classified"
        input.startDate = "2020-01-06"
        return try await sievert.people.register(input, in: code, by: Caller.console())
    }

    @Test(
        "an org lead signs in with her password, then her code on its own page, sees only her organisation, and signs out",
        arguments: StoreKind.available)
    func leadSignsIn(_ kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            let secret = try #require(
                try await Self.account(
                    fixture.test.sievert, login: "lena@trust.example", role: .orgLead, organisations: ["ORGA"]))
            try await fixture.app.testOnSocket { client in
                var browser = PortalBrowser(client)
                let page = try await browser.get("/sign-in")
                #expect(page.status == .ok)
                let policy = try #require(page.headers[HTTPField.Name("Content-Security-Policy")!])
                #expect(policy.contains("default-src 'none'"))
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(policy.contains("script-src 'self';"))
                #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(browser.cookies["sievert_form"] != nil)

                // A post without the form token is refused before the password is even looked at.
                let forged = try await browser.post(
                    "/sign-in", ["login": "lena@trust.example", "password": Self.password], token: .some(nil))
                #expect(forged.status == .forbidden)
                #expect(browser.cookies["sievert_challenge"] == nil)

                let wrong = try await browser.post(
                    "/sign-in", ["login": "lena@trust.example", "password": "not the password at all"])
                #expect(wrong.status == .unprocessableContent)
                #expect(wrong.text.contains(##"href="#login""##))
                #expect(wrong.text.contains("There is a problem"))
                #expect(!wrong.text.contains("not the password at all"))

                let first = try await browser.post(
                    "/sign-in", ["login": "lena@trust.example", "password": Self.password])
                #expect(first.status == .seeOther)
                #expect(first.headers[.location] == "/sign-in/code")
                #expect(browser.cookies["sievert_session"] == nil)
                _ = try await browser.get("/sign-in/code")
                let badCode = try await browser.post("/sign-in/code", ["code": "000000"])
                #expect(badCode.status == .unprocessableContent)
                #expect(badCode.text.contains(##"href="#code""##))
                let signedIn = try await browser.post("/sign-in/code", ["code": Self.code(secret)])
                #expect(signedIn.status == .seeOther)
                #expect(signedIn.headers[.location] == "/lead")
                #expect(browser.cookies["sievert_session"]?.hasPrefix("ss_") == true)

                let home = try await browser.get("/lead")
                #expect(home.headers[.location] == "/lead/ORGA")
                let organisation = try await browser.get("/lead/ORGA")
                #expect(organisation.status == .ok)
                #expect(organisation.text.contains("Organisation ORGA"))
                #expect(organisation.headers[.cacheControl] == "no-store")
                let other = try await browser.get("/lead/ORGB")
                #expect(other.status == .notFound)
                #expect(!other.text.contains("Organisation ORGB"))
                #expect(try await browser.get("/admin").status == .forbidden)

                _ = try await browser.get("/lead/ORGA")
                let out = try await browser.post("/sign-out", [:])
                #expect(out.status == .seeOther)
                #expect(browser.cookies["sievert_session"] == nil)
                let after = try await browser.get("/lead/ORGA")
                #expect(after.status == .seeOther)
                #expect(after.headers[.location] == "/sign-in")
            }
        }
    }

    @Test("a wearer's dose page draws her year as SVG with her totals; other roles' pages are closed to her")
    func wearerPages() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let person = try await Self.person(sievert, "Prosser", in: "ORGA")
            let year = CalendarDate(Date()).year
            for (month, mSv) in [(1, "1.200"), (2, "0.300")] {
                let period = try #require(DosePeriod.month(year: year, month: month))
                _ = try await sievert.doses.record(
                    NewDoseEntry(
                        periodBegin: period.begin.iso, periodEnd: period.end.iso, quantity: "effective",
                        kind: "estimated", mSv: mSv),
                    for: person.id, by: Caller.console())
            }
            _ = try await Self.account(sievert, login: "nia@trust.example", role: .wearer, person: person.id)
            try await fixture.app.testOnSocket { client in
                var browser = PortalBrowser(client)
                _ = try await browser.get("/sign-in")
                let signedIn = try await browser.post(
                    "/sign-in", ["login": "nia@trust.example", "password": Self.password])
                #expect(signedIn.headers[.location] == "/me")
                let page = try await browser.get("/me")
                #expect(page.status == .ok)
                #expect(page.text.contains("Test Prosser"))
                #expect(page.text.contains(#"role="img""#))
                #expect(page.text.contains("1.50 mSv so far this year of the 20.00 mSv annual limit"))
                #expect(page.text.contains("investigation level 6.00 mSv"))
                let access = try await browser.get("/me/access")
                #expect(access.status == .ok)
                #expect(access.text.contains("Read your dose record"))
                for closed in ["/admin", "/audit", "/lead/ORGA", "/lead/ORGA/wearers/\(person.id)"] {
                    #expect(try await browser.get(closed).status == .forbidden, "\(closed)")
                }
            }
        }
    }

    @Test("registering a wearer with bad input names each field and stores nothing; good input registers her")
    func registerWearer() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let secret = try #require(
                try await Self.account(sievert, login: "lena@trust.example", role: .orgLead, organisations: ["ORGA"]))
            let session = try await sievert.signIn.signIn(
                login: "lena@trust.example", password: Self.password, code: Self.code(secret), address: nil,
                requestID: "test")
            let lead = Caller(
                actor: "account:\(session.account)", role: .orgLead, organisations: .all, requestID: "count")
            let count: @Sendable () async throws -> Int = {
                try await sievert.people.list(organisationCode: "ORGA", after: nil, limit: 500, by: lead).people.count
            }
            try await fixture.app.testOnSocket { client in
                var browser = PortalBrowser(client)
                browser.cookies["sievert_session"] = session.token
                let form = try await browser.get("/lead/ORGA/wearers/new")
                #expect(form.status == .ok)
                let before = try await count()
                let bad = try await browser.post(
                    "/lead/ORGA/wearers/new",
                    ["surname": "Evans", "dateOfBirth": "31/02/1990", "nino": "QQ123456C", "startDate": "soon"])
                #expect(bad.status == .unprocessableContent)
                for field in ["dateOfBirth", "nino", "startDate"] {
                    #expect(bad.text.contains(##"href="#\##(field)""##), "\(field)")
                    #expect(bad.text.contains(#"id="\#(field)-error""#), "\(field)")
                }
                #expect(bad.text.contains(#"value="Evans""#))
                #expect(try await count() == before)

                let good = try await browser.post(
                    "/lead/ORGA/wearers/new",
                    ["surname": "Evans", "forenames": "Megan", "dateOfBirth": "1990-02-03", "nino": "AB 12 34 56 C"])
                #expect(good.status == .seeOther)
                let location = try #require(good.headers[.location])
                #expect(location.hasPrefix("/lead/ORGA/wearers/"))
                #expect(try await count() == before + 1)
                let page = try await browser.get(location)
                #expect(page.status == .ok)
                #expect(page.text.contains("The wearer has been registered."))
                #expect(page.text.contains("Megan Evans"))
                // The NINO shows masked to the last three characters only.
                #expect(!page.text.contains("AB123456C"))
                #expect(page.text.contains("56C"))
                #expect(page.text.contains("No dosemeter is assigned to this wearer."))

                // A dosemeter assignment from the same page: a bad first day is named, then a good one lands.
                let wearerPath = String(location.prefix { $0 != "?" })
                let badAssignment = try await browser.post(
                    wearerPath + "/assign", ["position": "chest", "frequency": "monthly", "starts": "next week"])
                #expect(badAssignment.status == .unprocessableContent)
                #expect(badAssignment.text.contains(##"href="#starts""##))
                #expect(badAssignment.text.contains("No dosemeter is assigned to this wearer."))
                let assigned = try await browser.post(
                    wearerPath + "/assign", ["position": "right-finger", "frequency": "quarterly", "starts": ""])
                #expect(assigned.status == .seeOther)
                let withBadge = try await browser.get(try #require(assigned.headers[.location]))
                #expect(withBadge.text.contains("The dosemeter has been assigned."))
                #expect(withBadge.text.contains("<td>right-finger</td><td>quarterly</td>"))
            }
        }
    }

    @Test("the RPS administrator's portal session covers every organisation and the service pages")
    func administrator() async throws {
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            let secret = try #require(try await Self.account(sievert, login: "ada@rps.example", role: .rpsAdmin))
            let session = try await sievert.signIn.signIn(
                login: "ada@rps.example", password: Self.password, code: Self.code(secret), address: nil,
                requestID: "test")
            try await fixture.app.testOnSocket { client in
                var browser = PortalBrowser(client)
                browser.cookies["sievert_session"] = session.token
                for page in [
                    "/admin", "/admin/organisations", "/admin/alerts", "/admin/dosemeters", "/admin/incidents",
                ] {
                    #expect(try await browser.get(page).status == .ok, "\(page)")
                }
                let system = try await browser.get("/admin/system")
                #expect(system.status == .ok)
                #expect(system.text.contains("opens the stored keys"))
                let organisations = try await browser.get("/admin/organisations")
                #expect(organisations.text.contains("Organisation ORGA"))
                #expect(organisations.text.contains("Organisation ORGB"))
                #expect(try await browser.get("/lead/ORGB/wearers").status == .ok)
                #expect(try await browser.get("/audit").status == .ok)
            }
        }
    }

    @Test("every signed-in page sends a signed-out visitor to sign in; unknown addresses get the portal's 404 page")
    func signedOutVisitors() async throws {
        try await withAPI { fixture in
            let built = buildRouterWithPolicies(fixture.test.sievert, ledger: fixture.test.runtime.ledger)
            let pages = built.pages.policies.filter { $0.key.hasPrefix("GET ") && $0.value.roles != nil }
            #expect(pages.count >= 25)
            try await fixture.app.test(.router) { client in
                for route in pages.keys.sorted() {
                    let path = String(route.dropFirst(4))
                        .replacingOccurrences(of: "{code}", with: "ORGA")
                        .replacingOccurrences(of: "{id}", with: PersonID.generate(now: Date()).description)
                        .replacingOccurrences(of: ":", with: "")
                        .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
                    let response = try await client.execute(uri: path, method: .get)
                    #expect(response.status == .seeOther, "\(route)")
                    #expect(response.headers[.location] == "/sign-in", "\(route)")
                }
                let missing = try await client.execute(uri: "/no-such-page", method: .get)
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: missing.body).contains("Page not found"))
                #expect(
                    try await client.execute(uri: "/api/v1/nothing", method: .get).headers[.contentType]
                        == "application/problem+json")
            }
        }
    }
}

import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Interchange
import Logging
import SievertServices
import SievertTestSupport
import Testing

/// DESIGN.md §Security 1, for logs: a working day over a real socket with the application logging at trace level
/// (registration, a people file, dosemeters, the lab's readings, doses, alerts, reports, a breach scope, the
/// portal, failed sign-ins and malformed input), then every seeded personal value, secret and dose as written is
/// searched for in what was logged and in `/metrics`. Nothing may be found, and every request's line carries its id.
@Suite("Logs hold no personal value")
struct LogPrivacyTests {
    static let password = PortalTests.password
    /// Doses as the lab and the lead write them; the bad one is refused.
    static let doses = ["1.237", "1.418", "2.419", "2.506", "6.125", "-3.721"]

    /// Whether `number` occurs in `text` with no digit or point next to it: as a number, not inside a longer one.
    static func standsAlone(_ number: String, in text: String) -> Bool {
        let haystack = Array(text.utf8)
        let needle = Array(number.utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        func isNumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
        }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<start + needle.count].elementsEqual(needle) {
            let before = start == 0 ? nil : haystack[start - 1]
            let after = start + needle.count == haystack.count ? nil : haystack[start + needle.count]
            if !(before.map(isNumeric) ?? false) && !(after.map(isNumeric) ?? false) { return true }
        }
        return false
    }
    /// Free text that names people: an alert's note, an incident's summary and contact point, a changed address.
    static let freeText = [
        "Spoke to Gwenllian about her badge", "Laptop holding Bartholomew's file was stolen",
        "dpo.glasfryn@example.org", "bart.moved@example.net", "wrong horse battery staple",
        "nobody.known@example.org", "gwen.wearer@example.org", "tegwen.lead@example.org",
    ]
    /// Refused input that carries personal values: they must not be logged either.
    static let refused = [
        "Pendlebury-Marchetti", "1983-02-30", "Oyelaran-Whitfield", "Featherstonehaugh", "19850101", "30/02/1994",
    ]

    @Test(
        "a whole working day at trace level logs no personal value, no secret, and a request id on every request",
        arguments: StoreKind.available)
    func workingDay(_ kind: StoreKind) async throws {
        let capture = LogCapture()
        try await withAPI(kind, logger: capture.logger(level: .trace)) { fixture in
            let sievert = fixture.test.sievert
            let console = Caller.console()
            let lead = try await sievert.tokens.issue(
                role: .orgLead, organisationCode: "ORGA", validFor: 1, by: console)
            let lab = try await sievert.tokens.issue(role: .lab, organisationCode: "ORGA", validFor: 1, by: console)
            let from = ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: -1))

            let day = try await fixture.app.testOnSocket { client in
                var secrets = [fixture.admin, fixture.leadA, fixture.leadB, lead.token, lab.token, Self.password]
                // Registration over the API, then a people file through the same service the CLI calls.
                var people: [PersonView] = []
                for person in KnownPerson.registered {
                    let response = try await client.call(
                        "/api/v1/organisations/ORGA/people", .post, token: lead.token, body: person.registration)
                    #expect(response.status == .created, "\(response.text)")
                    people.append(try response.json(PersonView.self))
                }
                let file =
                    ([PeopleCSV.header.joined(separator: ",")]
                    + KnownPerson.imported.enumerated().map { $1.csvLine(recordID: "K\($0)", organisation: "ORGA") })
                    .joined(separator: "\r\n") + "\r\n"
                #expect(try await sievert.peopleImport.run(Array(file.utf8), by: console).created == 2)
                let badFile = file.replacingOccurrences(of: "1991-12-05", with: "1991-12-45")
                #expect(try await sievert.peopleImport.run(Array(badFile.utf8), by: console).committed == false)

                // Malformed and refused input carrying personal values.
                let refusedBodies = [
                    #"{"surname":"Pendlebury-Marchetti","dateOfBirth":"1983-02-30","nino":"ZZ 99 88 77 A"}"#,
                    #"{"surname":"Oyelaran-Whitfield","nino":"KL 20 93 48"#,
                    #"{"surname":"Featherstonehaugh","dateOfBirth":19850101}"#,
                ]
                for body in refusedBodies {
                    let response = try await client.call(
                        "/api/v1/organisations/ORGA/people", .post, token: lead.token, body: body)
                    #expect([.badRequest, .unprocessableContent].contains(response.status), "\(response.text)")
                }

                // Dosemeters (one each and a control), assignments and the month's issue list; the lab downloads it.
                let one = people[0].id
                let two = people[1].id
                let calls: [(String, HTTPRequest.Method, String?, HTTPResponse.Status)] = [
                    (
                        "/api/v1/organisations/ORGA/dosemeters", .post,
                        #"{"kind":"whole-body","technology":"OSL","serials":["LX-1","LX-2","LX-3"]}"#, .created
                    ),
                    (
                        "/api/v1/organisations/ORGA/assignments", .post,
                        #"{"assignments":[{"person":"\#(one)","position":"chest","frequency":"monthly","starts":"2026-01-01"},{"person":"\#(two)","position":"chest","frequency":"monthly","starts":"2026-01-01"}]}"#,
                        .created
                    ),
                    ("/api/v1/organisations/ORGA/issue-lists", .post, #"{"month":"2026-03"}"#, .created),
                    ("/api/v1/people/\(two)/contact", .patch, #"{"email":"bart.moved@example.net"}"#, .ok),
                    (
                        "/api/v1/organisations/ORGA/investigation-levels", .put,
                        #"{"organisation":{"effective":"3"},"groups":{}}"#, .ok
                    ),
                ]
                for (path, method, body, status) in calls {
                    let response = try await client.call(path, method, token: lead.token, body: body)
                    #expect(response.status == status, "\(path): \(response.text)")
                }
                #expect(
                    try await client.call("/api/v1/organisations/ORGA/issue-lists/2026-03", token: lab.token).status
                        == .ok)

                // The lab's readings, then a refused one; a lead's estimate over the investigation level.
                let codes = [
                    try #require(try await sievert.participants.codes(for: one, by: console).values.first),
                    try #require(try await sievert.participants.codes(for: two, by: console).values.first),
                ]
                let readings = zip(codes, [("LX-1", "1.237", "1.418"), ("LX-2", "2.419", "2.506")]).map {
                    code, reading in
                    #"{"serial":"\#(reading.0)","participantCode":"\#(code)","position":"chest","periodBegin":"2026-03-01","periodEnd":"2026-03-31","hp10":"\#(reading.1)","hp007":"\#(reading.2)","version":1}"#
                }
                let ingest = "/api/v1/organisations/ORGA/readings"
                let batch = #"{"readings":[\#(readings.joined(separator: ","))]}"#
                #expect(try await client.call(ingest, .post, token: lab.token, body: batch).status == .created)
                let badBatch = batch.replacingOccurrences(of: "\"1.237\"", with: "\"-3.721\"")
                    .replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
                #expect(
                    try await client.call(ingest, .post, token: lab.token, body: badBatch).status
                        == .unprocessableContent)
                let estimate = try await client.call(
                    "/api/v1/people/\(one)/doses", .post, token: lead.token,
                    body:
                        #"{"periodBegin":"2026-06-01","periodEnd":"2026-06-30","quantity":"effective","kind":"estimated","mSv":"6.125"}"#
                )
                #expect(estimate.status == .created, "\(estimate.text)")

                // Reading: records, doses, alerts worked through, reports and the regulator's export, the audit log.
                let alerts = try await client.call("/api/v1/organisations/ORGA/alerts", token: lead.token)
                    .json([AlertView].self)
                #expect(!alerts.isEmpty)
                for alert in alerts {
                    let step = try await client.call(
                        "/api/v1/alerts/\(alert.id)/steps", .post, token: lead.token,
                        body: #"{"state":"acknowledged","note":"Spoke to Gwenllian about her badge"}"#)
                    #expect(step.status == .ok, "\(step.text)")
                }
                for path in [
                    "/api/v1/people/\(one)", "/api/v1/people/\(one)/doses", "/api/v1/people/\(two)/employments",
                    "/api/v1/organisations/ORGA/people", "/api/v1/organisations/ORGA/reports/period?period=2026-03",
                    "/api/v1/organisations/ORGA/reports/period?period=2026-03&format=csv",
                    "/api/v1/organisations/ORGA/reports/annual?year=2026&format=html",
                ] {
                    #expect(try await client.call(path, token: lead.token).status == .ok, "\(path)")
                }
                for path in ["/api/v1/exports/cidi?year=2026", "/api/v1/audit/events", "/api/v1/people/\(two)/doses"] {
                    #expect(try await client.call(path, token: fixture.admin).status == .ok, "\(path)")
                }
                #expect(try await client.call("/api/v1/people/\(one)", token: fixture.leadB).status == .notFound)

                // Breach: declare, scope by the lead's token, plan, and the letters.
                let to = ISO8601DateFormatter().string(from: Date(timeIntervalSinceNow: 1))
                let declared = try await client.call(
                    "/api/v1/incidents", .post, token: fixture.admin,
                    body:
                        #"{"summary":"Laptop holding Bartholomew's file was stolen","occurredAt":"\#(from)","contactPoint":"dpo.glasfryn@example.org"}"#
                )
                #expect(declared.status == .created, "\(declared.text)")
                let incident = try declared.json(BreachAPITests.Declared.self).id
                let scoped = try await client.call(
                    "/api/v1/incidents/\(incident)/scope", .post, token: fixture.admin,
                    body: #"{"kind":"principals","principals":["\#(lead.id)"],"from":"\#(from)","to":"\#(to)"}"#)
                #expect(scoped.status == .ok, "\(scoped.text)")
                #expect(
                    try await client.call("/api/v1/incidents/\(incident)/plan", .post, token: fixture.admin).status
                        == .ok)
                #expect(
                    try await client.call("/api/v1/incidents/\(incident)/letters", token: fixture.admin).status == .ok)

                // Sign-in: a wrong password and an unknown login over the API, then the portal for a wearer and a lead.
                _ = try await PortalTests.account(sievert, login: "gwen.wearer@example.org", role: .wearer, person: one)
                let totp = try #require(
                    try await PortalTests.account(
                        sievert, login: "tegwen.lead@example.org", role: .orgLead, organisations: ["ORGA"]))
                secrets.append(totp)
                for login in ["gwen.wearer@example.org", "nobody.known@example.org"] {
                    let refused = try await client.call(
                        "/api/v1/auth/sign-in", .post, token: nil,
                        body: #"{"login":"\#(login)","password":"wrong horse battery staple"}"#)
                    #expect(refused.status == .unauthorized)
                }
                var wearer = PortalBrowser(client)
                _ = try await wearer.get("/sign-in")
                let wrong = try await wearer.post(
                    "/sign-in", ["login": "gwen.wearer@example.org", "password": "wrong horse battery staple"])
                #expect(wrong.status == .unprocessableContent)
                let signedIn = try await wearer.post(
                    "/sign-in", ["login": "gwen.wearer@example.org", "password": Self.password])
                #expect(signedIn.status == .seeOther)
                secrets += wearer.cookies.values.filter { $0.utf8.count >= 16 }
                for page in ["/me", "/me/records", "/me/access"] {
                    #expect(try await wearer.get(page).status == .ok, "\(page)")
                }
                _ = try await wearer.post("/sign-out", [:])

                var leadPortal = PortalBrowser(client)
                _ = try await leadPortal.get("/sign-in")
                _ = try await leadPortal.post(
                    "/sign-in", ["login": "tegwen.lead@example.org", "password": Self.password])
                _ = try await leadPortal.get("/sign-in/code")
                #expect(try await leadPortal.post("/sign-in/code", ["code": "000000"]).status == .unprocessableContent)
                let coded = try await leadPortal.post("/sign-in/code", ["code": PortalTests.code(totp)])
                #expect(coded.status == .seeOther)
                secrets += leadPortal.cookies.values.filter { $0.utf8.count >= 16 }
                for page in ["/lead/ORGA", "/lead/ORGA/wearers", "/lead/ORGA/wearers/\(one)", "/lead/ORGA/alerts"] {
                    #expect(try await leadPortal.get(page).status == .ok, "\(page)")
                }
                let newWearer = KnownPerson.portal
                _ = try await leadPortal.get("/lead/ORGA/wearers/new")
                let badForm = try await leadPortal.post(
                    "/lead/ORGA/wearers/new",
                    [
                        "surname": newWearer.surname, "forenames": newWearer.forenames, "dateOfBirth": "30/02/1994",
                        "nino": newWearer.nino, "email": newWearer.email,
                    ])
                #expect(badForm.status == .unprocessableContent)
                let goodForm = try await leadPortal.post(
                    "/lead/ORGA/wearers/new",
                    [
                        "surname": newWearer.surname, "forenames": newWearer.forenames,
                        "dateOfBirth": newWearer.dateOfBirthISO, "nino": newWearer.nino, "email": newWearer.email,
                    ])
                #expect(goodForm.status == .seeOther, "\(goodForm.text)")
                #expect(try await leadPortal.get("/no-such-page").status == .notFound)
                return (
                    metrics: try await MetricsEndpointTests.scrape(client), secrets: secrets, people: [one, two]
                )
            }

            // validate: nothing personal, secret or dose-like in the logs nor on /metrics
            let everyone = KnownPerson.registered + KnownPerson.imported + [KnownPerson.portal]
            let scan = try PlaintextScan.of(everyone, others: Self.doses + Self.freeText + Self.refused + day.secrets)
            #expect(scan.needles.count > 120)
            // The scan finds a value planted among log lines, so an empty result below means something.
            #expect(scan.hits(in: Array("info x request [\"a=JT482193B\"]".utf8)) == ["JT482193B"])
            let logged = capture.text
            #expect(capture.count > 50)
            let found = scan.hits(in: Array(logged.utf8))
            #expect(found.isEmpty, "personal values or secrets in the logs: \(found.sorted())")
            // Every sample on /metrics is a number, so a dose's digits can turn up inside a longer one by chance (a
            // duration sum of 1.2370539 s holds "1.237"); there a dose counts only as a number of its own.
            #expect(
                Self.standsAlone("1.237", in: "sievert_x{a=\"1.237\"} 1\n")
                    && !Self.standsAlone("1.237", in: "s 11.2370\n"))
            let exposed = scan.hits(in: Array(day.metrics.text.utf8)).filter {
                !Self.doses.contains($0) || Self.standsAlone($0, in: day.metrics.text)
            }
            #expect(exposed.isEmpty, "personal values or secrets on /metrics: \(exposed.sorted())")

            // One line per request, each with its own request id, the route's pattern and never the path.
            let lines = logged.split(separator: "\n")
            let requests = lines.filter { $0.contains(" request [") && $0.contains("http.route=") }
            #expect(requests.count >= 50)
            let ids = requests.compactMap { line -> Substring? in
                guard let range = line.range(of: "hb.request.id=") else { return nil }
                return line[range.upperBound...].prefix { $0 != "\"" && $0 != "," }
            }
            #expect(ids.count == requests.count, "every request line carries its request id")
            #expect(Set(ids).count == ids.count, "request ids are unique")
            for person in day.people {
                #expect(!lines.contains { $0.contains("/api/v1/people/\(person)") }, "a path is logged")
            }
            #expect(requests.contains { $0.contains("http.route=/api/v1/people/{id}") })
            #expect(!lines.contains { $0.contains("hb.request.path") })
        }
    }
}

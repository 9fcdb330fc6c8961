import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("People and organisations API")
struct PeopleAPITests {
    @Test("health answers on a real HTTP server and the API needs a token", arguments: StoreKind.available)
    func healthAndAuthentication(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            try await fixture.app.testOnSocket { client in
                let health = try await client.call("/health", token: nil)
                #expect(health.status == .ok)
                #expect(health.text.contains("ok"))
                let anonymous = try await client.call("/api/v1/organisations", token: nil)
                #expect(anonymous.status == .unauthorized)
                #expect(try anonymous.problem().status == 401)
                let forged = try await client.call("/api/v1/organisations", token: "sv_NOTAREALTOKEN")
                #expect(forged.status == .unauthorized)
                let listed = try await client.call("/api/v1/organisations", token: fixture.admin)
                #expect(listed.status == .ok)
                #expect(try listed.json([OrganisationSummary].self).map(\.code) == ["ORGA", "ORGB"])
                #expect(listed.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test(
        "a lead registers, reads, changes and closes a person's record, each step audited",
        arguments: StoreKind.available)
    func personLifecycle(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            try await fixture.app.testOnSocket { client in
                let created = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: alice)
                #expect(created.status == .created)
                let person = try created.json(PersonView.self)
                #expect(person.surname == "Pendragonfield")
                #expect(person.ninoMasked == "••••••56C")
                #expect(person.postcode == "CF14 4XW")
                #expect(person.employments.first?.designations.first?.designation == .classified)

                let read = try await client.call("/api/v1/people/\(person.id)", token: fixture.leadA)
                #expect(try read.json(PersonView.self).email == "alys.p@example.org")

                let patched = try await client.call(
                    "/api/v1/people/\(person.id)/contact", .patch, token: fixture.leadA,
                    body: #"{"email":"alys.new@example.org","phone":""}"#)
                #expect(try patched.json(PersonView.self).email == "alys.new@example.org")

                let left = try await client.call(
                    "/api/v1/people/\(person.id)/left", .post, token: fixture.leadA, body: #"{"date":"2026-06-30"}"#)
                let leftView = try left.json(PersonView.self)
                #expect(leftView.status == .left)
                #expect(leftView.employments.first?.end == CalendarDate(year: 2026, month: 6, day: 30))

                let deceased = try await client.call(
                    "/api/v1/people/\(person.id)/deceased", .post, token: fixture.leadA, body: #"{"date":"2026-07-01"}"#
                )
                #expect(try deceased.json(PersonView.self).dateOfDeath == CalendarDate(year: 2026, month: 7, day: 1))

                let page = try await client.call("/api/v1/organisations/ORGA/people?limit=10", token: fixture.leadA)
                #expect(try page.json(PersonPage.self).people.map(\.id) == [person.id])
            }
            let events = try await fixture.test.sievert.store.auditEvents(after: 0, limit: 1000)
                .filter { $0.subjectID == nil || $0.action.hasPrefix("person.") }
            let forPerson = events.filter { $0.action.hasPrefix("person.") }.map(\.action)
            #expect(
                forPerson == [
                    "person.create", "person.read", "person.update-contact", "person.mark-left", "person.mark-deceased",
                    "person.read",
                ])
            #expect(events.filter { $0.action.hasPrefix("person.") }.allSatisfy { $0.role == "org-lead" })
        }
    }

    @Test("another organisation's people are invisible and untouchable", arguments: StoreKind.available)
    func crossOrganisation(kind: StoreKind) async throws {
        try await withAPI(kind) { fixture in
            try await fixture.app.test(.router) { client in
                let created = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: alice)
                let person = try created.json(PersonView.self)
                for (uri, method, body) in [
                    ("/api/v1/people/\(person.id)", HTTPRequest.Method.get, nil as String?),
                    ("/api/v1/people/\(person.id)/contact", .patch, #"{"email":"x.y@example.org"}"#),
                    ("/api/v1/people/\(person.id)/left", .post, nil),
                    ("/api/v1/people/\(person.id)/deceased", .post, nil),
                    ("/api/v1/organisations/ORGA/people", .get, nil),
                    ("/api/v1/organisations/ORGA/people", .post, alice),
                    ("/api/v1/organisations/ORGA", .get, nil),
                ] {
                    let response = try await client.call(uri, method, token: fixture.leadB, body: body)
                    #expect(response.status == .notFound, "\(method) \(uri) answered \(response.status)")
                }
                let organisations = try await client.call("/api/v1/organisations", token: fixture.leadB)
                #expect(try organisations.json([OrganisationSummary].self).map(\.code) == ["ORGB"])
                let registerOrganisation = try await client.call(
                    "/api/v1/organisations", .post, token: fixture.leadB,
                    body: #"{"code":"NEW","name":"New","kind":"dental"}"#)
                #expect(registerOrganisation.status == .forbidden)
                let stillThere = try await client.call("/api/v1/people/\(person.id)", token: fixture.leadA)
                #expect(try stillThere.json(PersonView.self).status == .active)
            }
        }
    }
}

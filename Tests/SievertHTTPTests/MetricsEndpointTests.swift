import DoseCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Interchange
import Ledger
import SievertApp
import SievertHTTP
import SievertServices
import SievertTestSupport
import Testing

/// `/metrics` over a real socket. Counters and histograms belong to the process, which other tests share, so
/// they are compared before and after this test's own traffic (a count may only have grown by at least as much);
/// the ledger's gauges belong to the application and are compared exactly.
@Suite("The /metrics page")
struct MetricsEndpointTests {
    static let requests = SievertMetrics.httpRequests
    static let duration = SievertMetrics.httpRequestDuration

    static func scrape(_ client: some TestClientProtocol, token: String? = nil) async throws -> MetricsPage {
        let response = try await client.call("/metrics", token: token)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        return MetricsPage(response.text)
    }

    /// Scrapes until `done` holds of the page: Hummingbird counts a request once its response is written, which
    /// can be just after the client has read it.
    static func scrape(
        _ client: some TestClientProtocol, until done: (MetricsPage) -> Bool
    ) async throws -> MetricsPage {
        var page = try await scrape(client)
        for _ in 0..<100 where !done(page) {
            try await Task.sleep(for: .milliseconds(20))
            page = try await scrape(client)
        }
        return page
    }

    @Test(
        "after some traffic, requests are counted by route pattern and status with duration buckets, the ledger gauges are its own, and no personal value shows"
    )
    func traffic() async throws {
        try await withAPI { fixture in
            let ledger = fixture.test.runtime.ledger
            let routes = Set(buildRouter(fixture.test.sievert, ledger: ledger).routes.map(\.path.description))
            try await fixture.app.testOnSocket { client in
                // setup
                let registered = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.admin, body: alice)
                #expect(registered.status == .created)
                let person = try registered.json(PersonView.self).id
                let before = try await Self.scrape(client)
                #expect(!before.has(SievertMetrics.ledgerCheckpointAge), "no checkpoint has been signed yet")

                // MUT
                for _ in 0..<3 {
                    #expect(try await client.call("/api/v1/people/\(person)", token: fixture.admin).status == .ok)
                }
                #expect(try await client.call("/api/v1/people/\(person)", token: fixture.leadB).status == .notFound)
                #expect(try await client.call("/api/v1/no/such/\(person)", token: fixture.admin).status == .notFound)
                let malformed = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.admin, body: #"{"surname":"#)
                #expect(malformed.status == .badRequest)

                // validate
                let person200 = ["route": "/api/v1/people/{id}", "method": "GET", "status": "200"]
                let person404 = ["route": "/api/v1/people/{id}", "method": "GET", "status": "404"]
                let unmatched = ["route": "NotFound", "method": "GET", "status": "404"]
                let badBody = ["route": "/api/v1/organisations/{code}/people", "method": "POST", "status": "400"]
                let grown: (MetricsPage, [String: String], Double) -> Bool = { page, labels, by in
                    page.value(Self.requests, labels) - before.value(Self.requests, labels) >= by
                }
                let after = try await Self.scrape(client) { page in
                    grown(page, person200, 3) && grown(page, person404, 1) && grown(page, unmatched, 1)
                        && grown(page, badBody, 1)
                }
                #expect(grown(after, person200, 3))
                #expect(grown(after, person404, 1))
                #expect(grown(after, unmatched, 1))
                #expect(grown(after, badBody, 1))
                #expect(after.types[Self.requests] == "counter")

                // Latency: a histogram per route and status, its buckets cumulative, +Inf equal to its count.
                #expect(after.types[Self.duration] == "histogram")
                let buckets = after.samples.filter { $0.name == Self.duration + "_bucket" && $0.has(person200) }
                #expect(buckets.count >= 10)
                let ordered = buckets.sorted {
                    (Double($0.labels["le"] ?? "") ?? .infinity) < (Double($1.labels["le"] ?? "") ?? .infinity)
                }
                #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0.value <= $1.value })
                let infinite = after.value(Self.duration + "_bucket", person200.merging(["le": "+Inf"]) { $1 })
                #expect(infinite == after.value(Self.duration + "_count", person200))
                #expect(
                    infinite - before.value(Self.duration + "_bucket", person200.merging(["le": "+Inf"]) { $1 }) >= 3)
                #expect(after.value(Self.duration + "_sum", person200) > 0)

                // Route labels are patterns of this router (or Hummingbird's word for no route), never a path.
                let labelled = Set(after.samples.compactMap { $0.labels["route"] })
                #expect(labelled.contains("/api/v1/people/{id}"))
                #expect(
                    labelled.isSubset(of: routes.union(["NotFound", "Unknown"])), "\(labelled.subtracting(routes))")

                // The ledger's gauges are this application's: its events, then its checkpoint once signed.
                let events = try await ledger.verify().storedEvents
                #expect(events > 0)
                #expect(after.value(SievertMetrics.ledgerEvents) == Double(events))
                #expect(after.value(SievertMetrics.ledgerCheckpointedEvents) == 0)
                let signed = try await ledger.checkpoint()
                let checkpointed = try await Self.scrape(client)
                #expect(checkpointed.types[SievertMetrics.ledgerEvents] == "gauge")
                #expect(
                    checkpointed.value(SievertMetrics.ledgerCheckpointedEvents)
                        == Double(signed.unverifiedCheckpoint.size))
                #expect(checkpointed.value(SievertMetrics.ledgerEvents) == Double(events))
                #expect(checkpointed.has(SievertMetrics.ledgerCheckpointAge))
                #expect((0..<60).contains(checkpointed.value(SievertMetrics.ledgerCheckpointAge)))

                // Nothing personal or tenant-identifying: not the person, her id, nor the organisation.
                var scan = PlaintextScan()
                for needle in [
                    "Pendragonfield", "1984-03-17", "17/03/1984", "AB123456C", "ab 12 34 56 c", "alys.p@example.org",
                    "CF14 4XW", "cf14 4xw", "S-0001", person.description, "Organisation ORGA",
                ] {
                    try scan.add(needle)
                }
                #expect(scan.hits(in: Array(checkpointed.text.utf8)).isEmpty)
                #expect(!checkpointed.text.contains("ORGA"))
            }
        }
    }

    @Test("with a metrics token set, /metrics answers 401 without it or with another, and the page with it")
    func token() async throws {
        let token = "scrape-only-5f0c9a7e21"
        try await withAPI(flags: ["metrics.token": token]) { fixture in
            try await fixture.app.testOnSocket { client in
                let bare = try await client.call("/metrics", token: nil)
                #expect(bare.status == .unauthorized)
                #expect(try bare.problem().type.hasSuffix("/unauthorized"))
                #expect(bare.headers[.wwwAuthenticate] == "Bearer")
                #expect(!bare.text.contains(SievertMetrics.ledgerEvents))
                // An API token, even the administrator's, is not the metrics token.
                #expect(try await client.call("/metrics", token: fixture.admin).status == .unauthorized)
                #expect(try await client.call("/metrics", token: token + "x").status == .unauthorized)
                let page = try await Self.scrape(client, token: token)
                #expect(page.has(SievertMetrics.ledgerEvents))
                #expect(try await client.call("/health", token: nil).status == .ok)
            }
        }
    }

    @Test("imported rows are counted accepted, skipped or rejected, and dose and security alerts by kind and rule")
    func importsAndAlerts() async throws {
        // One distinct person read per hour is the volume threshold: the second raises a security alert.
        try await withAPI(flags: ["alert.people.per.hour": "1"]) { fixture in
            let sievert = fixture.test.sievert
            let console = Caller.console()
            let header = PeopleCSV.header.joined(separator: ",")
            let good =
                header
                + "\r\nM1,ORGA,MX-1,Ffion,Metricsone,1980-01-02,F,,,,,,,,\r\nM2,ORGA,MX-2,Gethin,Metricstwo,,,,,,,,,,\r\n"
            let bad =
                header
                + "\r\nM3,ORGA,MX-3,Ioan,Metricsthree,1980-13-40,,,,,,,,,\r\nM4,ORGA,MX-4,Jac,Metricsfour,,,,,,,,,,\r\n"
            try await fixture.app.testOnSocket { client in
                let before = try await Self.scrape(client)

                // People: two accepted, then the same two skipped, then one rejected (and nothing committed).
                #expect(try await sievert.peopleImport.run(Array(good.utf8), by: console).created == 2)
                #expect(try await sievert.peopleImport.run(Array(good.utf8), by: console).unchanged == 2)
                #expect(try await sievert.peopleImport.run(Array(bad.utf8), by: console).committed == false)

                // Readings over the lab's JSON ingest: one accepted, then skipped, then one rejected.
                let registered = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.admin, body: alice)
                let person = try registered.json(PersonView.self)
                let code = try #require(try await sievert.participants.codes(for: person.id, by: console).values.first)
                let lab = try await sievert.tokens.issue(role: .lab, organisationCode: "ORGA", validFor: 1, by: console)
                    .token
                let reading =
                    #"{"readings":[{"serial":"MX-B1","participantCode":"\#(code)","position":"chest","periodBegin":"2026-02-01","periodEnd":"2026-02-28","hp10":"0.40","version":1}]}"#
                let path = "/api/v1/organisations/ORGA/readings"
                #expect(try await client.call(path, .post, token: lab, body: reading).status == .created)
                #expect(try await client.call(path, .post, token: lab, body: reading).status == .ok)
                let refused = reading.replacingOccurrences(of: #""0.40""#, with: #""-1""#)
                    .replacingOccurrences(of: "MX-B1", with: "MX-B2")
                #expect(try await client.call(path, .post, token: lab, body: refused).status == .unprocessableContent)

                // A dose over the organisation's investigation level raises a dose alert.
                let levels = try await client.call(
                    "/api/v1/organisations/ORGA/investigation-levels", .put, token: fixture.leadA,
                    body: #"{"organisation":{"effective":"3"},"groups":{}}"#)
                #expect(levels.status == .ok)
                let estimate = try await client.call(
                    "/api/v1/people/\(person.id)/doses", .post, token: fixture.leadA,
                    body:
                        #"{"periodBegin":"2026-06-01","periodEnd":"2026-06-30","quantity":"effective","kind":"estimated","mSv":"3.5"}"#
                )
                #expect(estimate.status == .created, "\(estimate.text)")

                // Reading two people in the hour crosses the volume threshold of one.
                let people = try await sievert.people.list(organisationCode: "ORGA", after: nil, limit: 5, by: console)
                for view in people.people.prefix(2) {
                    #expect(try await client.call("/api/v1/people/\(view.id)", token: fixture.leadA).status == .ok)
                }

                let after = try await Self.scrape(client)
                let rows = SievertMetrics.importRows
                func grown(_ name: String, _ labels: [String: String], _ by: Double) -> Bool {
                    after.value(name, labels) - before.value(name, labels) >= by
                }
                #expect(grown(rows, ["kind": "people", "outcome": "accepted"], 2))
                #expect(grown(rows, ["kind": "people", "outcome": "skipped"], 2))
                #expect(grown(rows, ["kind": "people", "outcome": "rejected"], 1))
                #expect(grown(rows, ["kind": "readings", "outcome": "accepted"], 1))
                #expect(grown(rows, ["kind": "readings", "outcome": "skipped"], 1))
                #expect(grown(rows, ["kind": "readings", "outcome": "rejected"], 1))
                #expect(grown(SievertMetrics.doseAlerts, ["kind": "over-investigation-level"], 1))
                #expect(grown(SievertMetrics.securityAlerts, ["rule": "alert.volume"], 1))
                #expect(after.types[rows] == "counter")
                for surname in ["Metricsone", "Metricstwo", "Metricsthree", code, person.id.description] {
                    #expect(!after.text.contains(surname))
                }
            }
        }
    }

    @Test("a pregnancy's alerts are counted under a kind that does not say so")
    func pregnancyKind() {
        let labels = LimitFindingKind.allCases.map(SievertMetrics.doseAlertKind)
        #expect(Set(labels).count == LimitFindingKind.allCases.count)
        #expect(SievertMetrics.doseAlertKind(.pregnancyBudgetExceeded) == "other")
        #expect(labels.allSatisfy { !$0.contains("pregnan") })
    }
}

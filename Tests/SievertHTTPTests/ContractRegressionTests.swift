import DoseCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import SievertApp
import SievertServices
import SievertTestSupport
import Testing

/// Behaviour schemathesis found at odds with the OpenAPI document (scripts/schemathesis), kept fixed.
@Suite("Contract regressions")
struct ContractRegressionTests {
    @Test("a dose history asOf shaped YYYY-MM-DD but not a real date is 422 naming asOf, as for /unreturned")
    func doseHistoryAsOf() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let registered = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.admin, body: alice)
                #expect(registered.status == .created)
                let person = try registered.json(PersonView.self).id
                for text in ["0000-00-00", "2026-02-30", "7062-39-21"] {
                    let response = try await client.call(
                        "/api/v1/people/\(person)/doses?asOf=\(text)", token: fixture.admin)
                    #expect(response.status == .unprocessableContent, "\(text)")
                    #expect(try response.problem().errors?.map(\.field) == ["asOf"], "\(text)")
                }
                let real = try await client.call("/api/v1/people/\(person)/doses?asOf=2026-02-28", token: fixture.admin)
                #expect(real.status == .ok)
            }
        }
    }

    @Test("a wearer's access history over a log of 600 events and more: every proof is in the checkpoint and verifies")
    func accessHistoryProofs() async throws {
        // schemathesis found GET /me/access-history over 10 s once the log held 20,000 events: each of up to 500
        // proofs was folded from the bare leaves. The proofs now come from one tree of subtree hashes; this
        // holds what they prove (the time is for scripts/schemathesis, not a unit test).
        try await withAPI { fixture in
            let sievert = fixture.test.sievert
            var input = NewPerson(surname: "Historian")
            input.staffNumber = "H1"
            let person = try await sievert.people.register(input, in: "ORGA", by: Caller.console())
            let other = try await sievert.people.register(NewPerson(surname: "Bystander"), in: "ORGA", by: .console())
            let wearer = try await sievert.enrolledAccount(login: "hanna", role: .wearer, person: person.id)
            for _ in 0..<300 {
                _ = try await sievert.people.get(person.id, by: .console())
                _ = try await sievert.people.get(other.id, by: .console())
            }
            let checkpoint = try await fixture.test.runtime.ledger.checkpoint()
            let status = try await fixture.test.runtime.ledger.status()
            #expect(status.events > 600)
            try await fixture.app.test(.router) { client in
                let session = try await sievert.signIn.signIn(
                    login: wearer.login, password: wearer.password, code: nil, address: nil, requestID: "t")
                var headers = HTTPFields()
                headers[.cookie] = "sievert_session=\(session.token)"
                let response = try await client.execute(
                    uri: "/api/v1/me/access-history", method: .get, headers: headers)
                #expect(response.status == .ok)
                let events = try response.json([LedgerEventView].self)
                let reads = events.filter { $0.action == "person.read" }
                #expect(reads.count == 300)
                #expect(reads.allSatisfy { $0.subject == person.id.description })
                for event in events {
                    let proof = try #require(event.proof, "event \(event.sequence)")
                    #expect(proof.verified)
                    #expect(proof.leafIndex == UInt64(event.sequence - 1))
                    #expect(proof.treeSize == checkpoint.unverifiedCheckpoint.size)
                    #expect(proof.checkpoint == checkpoint.noteText)
                }
            }
        }
    }
}

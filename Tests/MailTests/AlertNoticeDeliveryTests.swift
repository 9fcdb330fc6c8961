import DoseCore
import Foundation
import Mail
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Alert notices delivered through a real SMTP sink", SMTPSink.trait, .serialized)
struct AlertNoticeDeliveryTests {
    static let console = Caller.console(requestID: "notice-test")

    @Test("a raised alert reaches the lead's inbox naming the organisation and alert, never the wearer or the dose")
    func delivered() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(
                    code: "MAIL", name: "Mail Trust", kind: "nhs-trust",
                    leadContact: Contact(name: "Lead", email: "rps.lead@example.org")), by: Self.console)
            var input = NewPerson(surname: "Nameless")
            input.dateOfBirth = "1981-03-03"
            input.startDate = "2020-01-01"
            input.designation = "classified"
            let person = try await sievert.people.register(input, in: "MAIL", by: Self.console)
            _ = try await sievert.doses.record(
                NewDoseEntry(
                    periodBegin: "2026-05-01", periodEnd: "2026-05-31", quantity: "effective", kind: "estimated",
                    mSv: "7.25"), for: person.id, by: Self.console)
            let alert = try #require(try await sievert.alerts.list(organisation: "MAIL", by: Self.console).first)

            // The relay is down: the notice waits, its failure counted without the message.
            let down = SMTPClient(
                configuration: .init(relay: try SMTPRelayURL("smtp://127.0.0.1:1")))
            let failed = try await sievert.outbox.deliver(using: down, by: Self.console)
            #expect(failed == MailDelivery(sent: 0, failed: 1))
            let waiting = try await sievert.store.pendingMail(limit: 10, scope: .service(actor: "test"))
            #expect(waiting.count == 1 && waiting.first?.attempts == 1)
            #expect(waiting.first?.lastError?.contains("connection failed") == true)

            try await SMTPSink.with { sink in
                let relay = SMTPClient(
                    configuration: .init(relay: try SMTPRelayURL("smtp://127.0.0.1:\(sink.port)")))
                let delivery = try await sievert.outbox.deliver(using: relay, by: Self.console)
                #expect(delivery == MailDelivery(sent: 1, failed: 0))
                let received = try sink.received()
                #expect(received.count == 1)
                let message = try #require(received.first)
                #expect(message.rcptTos == ["rps.lead@example.org"])
                #expect(message.headers["subject"] == "Sievert: dose alert at MAIL")
                #expect(message.body.contains(alert.id.description))
                #expect(message.body.contains("investigation level"))
                for secret in ["Nameless", "1981-03-03", "7.25", "7.2", person.id.description] {
                    #expect(!message.text.contains(secret), "the notice carries \(secret)")
                }
                // Sent once: a second round finds nothing waiting.
                #expect(try await sievert.outbox.deliver(using: relay, by: Self.console) == MailDelivery())
                #expect(try sink.received().count == 1)
            }
            let sent = try await sievert.store.auditEvents(actionPrefix: "mail.send", limit: 10)
            #expect(sent.count == 1)
        }
    }
}

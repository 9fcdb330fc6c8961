import DoseCore
import Foundation
import Logging
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Detection: canaries and volume alerts")
struct DetectionTests {
    static let console = Caller.console(requestID: "detection-test")

    static func lead(_ organisation: OrganisationID, actor: String = "token:lead") -> Caller {
        Caller(actor: actor, role: .orgLead, organisations: .only([organisation]), requestID: "req-lead")
    }

    static func alerts(_ sievert: Sievert) async throws -> [AuditEventRow] {
        try await sievert.store.auditEvents(actionPrefix: "alert.", limit: 100)
    }

    @Test("a canary is hidden from lists and exports, and reading it raises an alert", arguments: StoreKind.available)
    func canary(kind: StoreKind) async throws {
        let logs = LogCapture()
        try await withTestRuntime(kind, logger: logs.logger()) { test in
            let sievert = test.sievert
            let organisation = try await sievert.organisations.register(
                NewOrganisation(code: "CANARY", name: "Canary Trust", kind: "nhs-trust"), by: Self.console)
            var real = NewPerson(surname: "Realperson")
            real.staffNumber = "R1"
            _ = try await sievert.people.register(real, in: "CANARY", by: Self.console)
            var bait = NewPerson(surname: "Baitworth")
            bait.canary = true
            bait.staffNumber = "C1"
            // Only the service operator plants canaries.
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.people.register(bait, in: "CANARY", by: Self.lead(organisation.id))
            }
            let canary = try await sievert.people.register(bait, in: "CANARY", by: Self.console)
            #expect(try await Self.alerts(sievert).isEmpty)

            let lead = Self.lead(organisation.id)
            let page = try await sievert.people.list(organisationCode: "CANARY", after: nil, limit: 100, by: lead)
            #expect(page.people.map(\.surname) == ["Realperson"])
            var exported: [UInt8] = []
            let rows = try await sievert.peopleExport.run(organisationCode: "CANARY", by: lead) { exported += $0 }
            #expect(rows == 1)
            #expect(!String(decoding: exported, as: UTF8.self).contains("Baitworth"))
            #expect(try await Self.alerts(sievert).isEmpty)

            _ = try await sievert.people.get(canary.id, by: lead)
            let alerts = try await Self.alerts(sievert)
            #expect(alerts.map(\.action) == ["alert.canary"])
            #expect(alerts.first?.actor == "token:lead")
            #expect(alerts.first?.subjectID == canary.id.description)
            #expect(sievert.monitor.alertsRaised == 1)
            // An error-level log line, with ids only.
            let text = logs.text
            #expect(text.contains("security alert") && text.contains("alert.canary"))
            #expect(!text.contains("Baitworth"))
        }
    }

    @Test("one principal reading more distinct people an hour than allowed raises one volume alert")
    func volume() async throws {
        try await withTestRuntime(.sqlite, flags: ["alert.people.per.hour": "3"]) { test in
            let sievert = test.sievert
            let organisation = try await sievert.organisations.register(
                NewOrganisation(code: "VOL", name: "Volume", kind: "dental"), by: Self.console)
            var ids: [PersonID] = []
            for index in 0..<5 {
                var person = NewPerson(surname: "Reader\(index)")
                person.staffNumber = "V\(index)"
                ids.append(try await sievert.people.register(person, in: "VOL", by: Self.console).id)
            }
            let lead = Self.lead(organisation.id)
            // Reading the same three people again and again is not bulk reading.
            for _ in 0..<4 { for id in ids.prefix(3) { _ = try await sievert.people.get(id, by: lead) } }
            #expect(try await Self.alerts(sievert).isEmpty)
            _ = try await sievert.people.get(ids[3], by: lead)
            _ = try await sievert.people.get(ids[4], by: lead)
            let alerts = try await Self.alerts(sievert)
            #expect(alerts.map(\.action) == ["alert.volume"])
            #expect(alerts.first?.outcome == "people=4")
            // Another principal has its own count.
            _ = try await sievert.people.get(ids[0], by: Self.lead(organisation.id, actor: "token:other"))
            #expect(try await Self.alerts(sievert).count == 1)
        }
    }

    @Test("an export of more rows than allowed raises an export alert")
    func export() async throws {
        try await withTestRuntime(.sqlite, flags: ["alert.export.rows": "2", "alert.people.per.hour": "100"]) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "EXP", name: "Export", kind: "dental"), by: Self.console)
            for index in 0..<3 {
                var person = NewPerson(surname: "Exported\(index)")
                person.staffNumber = "E\(index)"
                _ = try await sievert.people.register(person, in: "EXP", by: Self.console)
            }
            _ = try await sievert.peopleExport.run(organisationCode: "EXP", by: Self.console) { _ in }
            let alerts = try await Self.alerts(sievert)
            #expect(alerts.map(\.action) == ["alert.export"])
            #expect(alerts.first?.outcome == "rows=3")
        }
    }
}

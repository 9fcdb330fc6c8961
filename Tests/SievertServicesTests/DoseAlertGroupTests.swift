import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

@testable import SievertServices

@Suite("The limit check over many groups of people, read ahead of the groups being decided")
struct DoseAlertGroupTests {
    static let console = Caller.console(requestID: "alert-group-test")

    @Test(
        "the same person's records at two employers in different groups are each alerted once, however far the reads run ahead",
        arguments: StoreKind.available)
    func linkedAcrossGroups(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            // setup: three records of one person (one NINO) at two organisations and a colleague, doses below the
            // levels, then the levels lowered, so a check finds something for every record at once
            let sievert = test.sievert
            for code in ["ALRT", "LOCM"] {
                try await DoseAlertTests.organisation(sievert, code: code)
                _ = try await sievert.alerts.setInvestigationLevels(
                    InvestigationLevelsInput(organisation: .init(effective: "15")), organisation: code, by: Self.console
                )
            }
            let ids = try await DoseAlertTests.locums(
                sievert, [("ALRT", "AB123456C"), ("LOCM", "AB123456C"), ("LOCM", "AB654321C")])
            for id in ids { try await DoseAlertTests.estimate(sievert, id, 2, "4.0") }
            #expect(try await sievert.alerts.list(organisation: nil, by: Self.console).isEmpty)
            for code in ["ALRT", "LOCM"] {
                _ = try await sievert.alerts.setInvestigationLevels(
                    InvestigationLevelsInput(organisation: .init(effective: "6")), organisation: code, by: Self.console)
            }

            // MUT: one person per group, so each linked record is read in two groups before either is written
            let raised = try await sievert.alerts.check(
                Set(ids), years: [2026], requestID: "alert-group-test", groupSize: 1)

            // validate: the linked records pass 6 mSv together (8 mSv), the colleague (4 mSv) does not
            let alerts = try await sievert.alerts.list(organisation: nil, by: Self.console)
            #expect(alerts.filter { $0.kind == .overInvestigationLevel }.map(\.person).sorted() == ids[0...1].sorted())
            #expect(alerts.allSatisfy { $0.mSv == "8.00" })
            #expect(raised.count == alerts.count)
            #expect(try await sievert.alerts.recheck(organisation: "LOCM", year: 2026, by: Self.console).isEmpty)
        }
    }

    @Test(
        "a person opened by the use case is reused only while the stored record is unchanged",
        arguments: StoreKind.available)
    func reusedWhileUnchanged(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            // setup: an opening marked so that a reuse can be told from a fresh opening
            let sievert = test.sievert
            try await DoseAlertTests.organisation(sievert)
            let id = try await DoseAlertTests.wearer(sievert, "Opened", designation: "classified")
            var opened = try await sievert.people.load(id, caller: Self.console)
            opened.organisationCode = "MARKED"

            // MUT + validate: unchanged, the opening is taken as it is
            let unchanged = try await sievert.people.load([id], caller: Self.console, reusing: [id: opened])
            #expect(unchanged[id]?.organisationCode == "MARKED")

            // MUT + validate: once the record changes, it is opened again from the store
            _ = try await sievert.people.updateContact(id, ContactPatch(email: "new@example.org"), by: Self.console)
            let changed = try await sievert.people.load([id], caller: Self.console, reusing: [id: opened])
            #expect(changed[id]?.organisationCode == "ALRT")
            #expect(changed[id]?.person.contact.email == "new@example.org")
            #expect(changed[id]?.record != opened.record)
        }
    }
}

import DoseCore
import Foundation
import Passbook
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Issuing a radiation passbook from the dose of record")
struct PassbookIssueTests {
    static let console = Caller.console(requestID: "passbook-test")

    static func entry(_ begin: String, _ end: String, _ quantity: String, _ mSv: String?, kind: String = "estimated")
        -> NewDoseEntry
    {
        NewDoseEntry(periodBegin: begin, periodEnd: end, quantity: quantity, kind: kind, mSv: mSv)
    }

    @Test(
        "a classified worker's passbook verifies under the service's key, one entry per period and kind, with running totals",
        arguments: StoreKind.available)
    func issued(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "PASS", name: "Passbook Trust", kind: "nhs-trust"), by: Self.console)
            var input = NewPerson(surname: "Outworker")
            input.forenames = "Olive"
            input.dateOfBirth = "1985-07-07"
            input.nino = "AB123456C"
            input.startDate = "2024-01-01"
            input.designation = "classified"
            let person = try await sievert.people.register(input, in: "PASS", by: Self.console).id
            for new in [
                Self.entry("2026-01-01", "2026-01-31", "effective", "0.40"),
                Self.entry("2026-01-01", "2026-01-31", "lens", "0.30"),
                Self.entry("2026-02-01", "2026-02-28", "effective", nil, kind: "notional"),
                Self.entry("2026-03-01", "2026-03-31", "extremity", "2.50"),
                Self.entry("2025-12-01", "2025-12-31", "effective", "1.00"),
            ] {
                _ = try await sievert.doses.record(new, for: person, by: Self.console)
            }
            let issued = try await sievert.passbooks.issue(for: person, by: Self.console)
            let verifier = try #require(try PassbookKeys.verifier(test.runtime.settings))
            let verified = try #require(verifier.verify(bytes: Array(issued.text.utf8)).passbook)
            #expect(verified.holder.personID == person && verified.holder.surname == "Outworker")
            #expect(verified.holder.nino?.value == "AB123456C")
            let entries = verified.entries
            #expect(entries.map(\.period.begin.iso) == ["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"])
            #expect(entries.map(\.kind) == [.estimated, .estimated, .notional, .estimated])
            #expect(
                entries[1].doses
                    == PassbookDoses(hp10: Dose(microsieverts: 400), hp007: nil, hp3: Dose(microsieverts: 300)))
            // February's notional dose: 20/12 mSv for an adult employee, rounded as the record holds it.
            let notional = try #require(entries[2].doses.hp10)
            #expect(
                notional
                    == NotionalDose.amount(
                        for: try DosePeriod(
                            begin: CalendarDate(iso: "2026-02-01"), end: CalendarDate(iso: "2026-02-28")),
                        quantity: .effective, workerClass: .employee))
            // Totals restart with the calendar year and add up within it.
            #expect(entries[0].yearToDate.hp10 == Dose(microsieverts: 1_000))
            #expect(entries[2].yearToDate.hp10 == Dose(microsieverts: 400) + notional)
            #expect(
                entries[3].doses.hp007 == Dose(microsieverts: 2_500)
                    && entries[3].yearToDate.hp3 == Dose(microsieverts: 300))
            #expect(issued.entries == 4 && issued.serial.hasPrefix("PB-"))
            let exported = try await sievert.store.auditEvents(actionPrefix: "dose.export", limit: 10)
            #expect(exported.map(\.purpose) == ["passbook"])
            #expect(exported.first?.subjectID == person.description)
        }
    }

    @Test("only for a classified worker with a date of birth, and only to those who may read the record")
    func refused() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            for code in ["PASS", "ELSE"] {
                _ = try await sievert.organisations.register(
                    NewOrganisation(code: code, name: "Trust \(code)", kind: "nhs-trust"), by: Self.console)
            }
            var plain = NewPerson(surname: "Unclassified")
            plain.dateOfBirth = "1990-01-01"
            let unclassified = try await sievert.people.register(plain, in: "PASS", by: Self.console).id
            var noBirth = NewPerson(surname: "Undated")
            noBirth.designation = "classified"
            let undated = try await sievert.people.register(noBirth, in: "PASS", by: Self.console).id
            for id in [unclassified, undated] {
                let error = await #expect(throws: ServiceError.self) {
                    try await sievert.passbooks.issue(for: id, by: Self.console)
                }
                #expect(error?.code == "conflict")
            }
            let elsewhere = Caller(
                actor: "token:else", role: .orgLead,
                organisations: .only([
                    try #require(
                        try await sievert.store.organisation(code: "ELSE", scope: .service(actor: "t"))?.id)
                ]),
                requestID: "else")
            let denied = await #expect(throws: ServiceError.self) {
                try await sievert.passbooks.issue(for: undated, by: elsewhere)
            }
            #expect(denied?.code == "not-found")
        }
    }
}

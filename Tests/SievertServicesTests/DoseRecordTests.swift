import DoseCore
import Foundation
import GRDB
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("The dose of record")
struct DoseRecordTests {
    static let console = Caller.console(requestID: "dose-test")

    static func adult(_ sievert: Sievert, code: String = "DOSE") async throws -> PersonView {
        var input = NewPerson(surname: "Dosewearer")
        input.dateOfBirth = "1980-05-05"
        input.staffNumber = "D1"
        input.designation = "classified"
        input.startDate = "2020-01-01"
        return try await sievert.people.register(input, in: code, by: console)
    }

    static func totals(_ history: DoseHistory, _ quantity: Quantity) -> QuantityTotalsView? {
        history.totals.first { $0.quantity == quantity }
    }

    @Test(
        "entries accumulate by period, quarter, year, five years and lifetime; a correction supersedes",
        arguments: StoreKind.available)
    func accumulateAndSupersede(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "DOSE", name: "Dose Trust", kind: "nhs-trust"), by: Self.console)
            let person = try await Self.adult(sievert)
            func record(
                _ begin: String, _ end: String, _ mSv: String?, kind: String = "estimated",
                supersedes: DoseEntryID? = nil
            ) async throws -> DoseEntryView {
                try await sievert.doses.record(
                    NewDoseEntry(
                        periodBegin: begin, periodEnd: end, quantity: "effective", kind: kind, mSv: mSv,
                        supersedes: supersedes?.description),
                    for: person.id, by: Self.console)
            }
            _ = try await record("2021-03-01", "2021-03-31", "2.000")
            _ = try await record("2025-11-01", "2025-11-30", "0.500")
            let january = try await record("2026-01-01", "2026-01-31", "0.280")
            let february = try await record("2026-02-01", "2026-02-28", "0.120")
            // A lost February badge: the notional dose for a classified adult is 20 mSv / 12, rounded half up.
            let notional = try await record("2026-03-01", "2026-03-31", nil, kind: "notional")
            #expect(notional.mSv == "1.667")
            // The investigation finds a better estimate and supersedes the notional dose.
            let estimate = try await record("2026-03-01", "2026-03-31", "0.300", supersedes: notional.id)
            #expect(estimate.supersedes == notional.id)
            // Superseding twice is refused.
            await #expect(throws: ServiceError.self) {
                _ = try await record("2026-03-01", "2026-03-31", "0.200", supersedes: notional.id)
            }

            let history = try await sievert.doses.history(
                of: person.id, asOf: try CalendarDate(iso: "2026-03-15"), by: Self.console)
            #expect(history.entries.count == 6)
            #expect(history.entries.first { $0.id == notional.id }?.counts == false)
            #expect(history.entries.first { $0.id == january.id }?.counts == true)
            let effective = try #require(Self.totals(history, .effective))
            #expect(effective.period == "0.30")
            #expect(effective.quarterToDate == "0.70")  // 0.28 + 0.12 + 0.30
            #expect(effective.yearToDate == "0.70")
            #expect(effective.fiveYears == "1.20")  // 2022-2026: adds November 2025
            #expect(effective.lifetime == "3.20")  // adds March 2021
            #expect(history.byEmployment.count == 1)
            #expect(history.byEmployment.first?.totals.first { $0.quantity == .effective } == effective)
            _ = february
        }
    }

    @Test("amounts are sealed, bound to their row: moved to another entry they do not open")
    func sealedAndBound() async throws {
        try await withTestRuntime(.sqlite) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "DOSE", name: "Dose Trust", kind: "nhs-trust"), by: Self.console)
            let person = try await Self.adult(sievert)
            for (begin, end, mSv) in [("2026-01-01", "2026-01-31", "12.345"), ("2026-02-01", "2026-02-28", "0.001")] {
                _ = try await sievert.doses.record(
                    NewDoseEntry(periodBegin: begin, periodEnd: end, quantity: "lens", kind: "accident", mSv: mSv),
                    for: person.id, by: Self.console)
            }
            let rows = try await sievert.store.doseEntries(of: person.id, scope: .service(actor: "t"))
            #expect(rows.count == 2)
            for row in rows {
                let text = String(decoding: row.sealedAmount, as: UTF8.self)
                #expect(!text.contains("12345") && !text.contains("microsieverts"))
            }
            // The dose of record is append-only in the database itself.
            let database = try DatabaseQueue(path: test.runtime.settings.sqlitePath)
            #expect(throws: (any Error).self) {
                try database.write { db in try db.execute(sql: "UPDATE dose_entries SET kind = 'estimated'") }
            }
            #expect(throws: (any Error).self) {
                try database.write { db in try db.execute(sql: "DELETE FROM dose_entries") }
            }
            // Swap the two sealed amounts: neither opens, so the history fails rather than showing a wrong dose.
            try await database.write { db in
                try db.execute(sql: "DROP TRIGGER dose_entries_no_update")
                try db.execute(
                    sql: """
                        UPDATE dose_entries SET amount = (SELECT amount FROM dose_entries d2 WHERE d2.id <> dose_entries.id)
                        """)
            }
            try database.close()
            await #expect(throws: (any Error).self) {
                _ = try await sievert.doses.history(of: person.id, by: Self.console)
            }
        }
    }

    @Test(
        "a wearer reads only her own dose history; another organisation's lead finds nothing",
        arguments: StoreKind.available)
    func scope(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let own = try await sievert.organisations.register(
                NewOrganisation(code: "DOSE", name: "Dose Trust", kind: "nhs-trust"), by: Self.console)
            let other = try await sievert.organisations.register(
                NewOrganisation(code: "ELSE", name: "Elsewhere", kind: "dental"), by: Self.console)
            let person = try await Self.adult(sievert)
            var second = NewPerson(surname: "Colleague")
            second.staffNumber = "D2"
            let colleague = try await sievert.people.register(second, in: "DOSE", by: Self.console)
            let wearer = Caller(
                actor: "account:w", role: .wearer, organisations: .only([own.id]), requestID: "w", person: person.id)
            #expect(try await sievert.doses.history(of: person.id, by: wearer).person == person.id)
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.doses.history(of: colleague.id, by: wearer)
            }
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.doses.record(
                    NewDoseEntry(
                        periodBegin: "2026-01-01", periodEnd: "2026-01-31", quantity: "effective",
                        kind: "estimated", mSv: "1"), for: person.id, by: wearer)
            }
            let foreignLead = Caller(
                actor: "token:else", role: .orgLead, organisations: .only([other.id]), requestID: "x")
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.doses.history(of: person.id, by: foreignLead)
            }
            // Bad input names its field.
            do {
                _ = try await sievert.doses.record(
                    NewDoseEntry(
                        periodBegin: "2026-02-01", periodEnd: "2026-01-01", quantity: "elbow", kind: "measured",
                        mSv: "1"), for: person.id, by: Self.console)
                Issue.record("accepted bad input")
            } catch let error as ServiceError {
                #expect(Set(error.validationErrors.map(\.field)) == ["quantity", "kind", "periodEnd"])
            }
        }
    }
}

import DoseCore
import Foundation
import Ledger
import SievertApp
import SievertServices
import SievertStorage
import SievertTestSupport
import Synchronization
import Testing

@Suite("Retention: a dry run reports who is due; applying shreds them and the ledger still verifies")
struct RetentionTests {
    static let console = Caller.console(requestID: "retention-test")

    /// A clock the test moves through the decades.
    final class Clock: Sendable {
        private let now = Mutex(Date())
        func set(_ iso: String) throws {
            let day = try CalendarDate(iso: iso)
            now.withLock { $0 = Date(timeIntervalSince1970: Double(day.daysSince1970) * 86_400 + 43_200) }
        }
        func read() -> Date { now.withLock { $0 } }
    }

    static func register(_ sievert: Sievert, _ surname: String, born: String?) async throws -> PersonID {
        var input = NewPerson(surname: surname)
        input.dateOfBirth = born
        input.startDate = "1988-01-01"
        input.designation = "classified"
        return try await sievert.people.register(input, in: "RET", by: console).id
    }

    static func dose(_ sievert: Sievert, _ person: PersonID, year: Int) async throws {
        _ = try await sievert.doses.record(
            NewDoseEntry(
                periodBegin: "\(year)-01-01", periodEnd: "\(year)-01-31", quantity: "effective", kind: "estimated",
                mSv: "0.40"), for: person, by: console)
    }

    @Test(
        "75 years of age and 30 years after the last record: only then, and only with --apply",
        arguments: StoreKind.available)
    func job(kind: StoreKind) async throws {
        let clock = Clock()
        try clock.set("1990-03-01")
        try await withTestRuntime(kind, clock: { clock.read() }) { test in
            // setup: people registered in 1990
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "RET", name: "Retention Trust", kind: "nhs-trust"), by: Self.console)
            let due = try await Self.register(sievert, "Dueforshredding", born: "1940-01-01")
            let recent = try await Self.register(sievert, "Recentrecord", born: "1940-01-01")
            let young = try await Self.register(sievert, "Youngerworker", born: "1960-01-01")
            let unknown = try await Self.register(sievert, "Nodateofbirth", born: nil)
            for person in [due, recent, young, unknown] { try await Self.dose(sievert, person, year: 1989) }
            try clock.set("1994-06-01")
            try await Self.dose(sievert, due, year: 1994)
            try clock.set("2000-06-01")
            try await Self.dose(sievert, recent, year: 2000)  // last record made in 2000: kept until 2030
            try clock.set("2026-11-24")
            let keysBefore = try await sievert.store.keyInventory(scope: Self.console.scope)

            // MUT: a dry run
            let dryRun = try await sievert.retention.run(apply: false, by: Self.console)

            // validate: reported, nothing changed
            #expect(dryRun.due.map(\.person) == [due] && dryRun.due.first?.organisation == "RET")
            #expect(dryRun.examined == 4 && dryRun.withoutDateOfBirth == 1 && dryRun.shredded == 0)
            #expect(try await sievert.people.get(due, by: Self.console).id == due)

            // MUT: applied
            let applied = try await sievert.retention.run(apply: true, by: Self.console)

            // validate: the due person is unreadable and gone from every read; the others are untouched
            #expect(applied.due.map(\.person) == [due] && applied.shredded == 1)
            await #expect(throws: ServiceError.self) { try await sievert.people.get(due, by: Self.console) }
            for person in [recent, young, unknown] {
                #expect(try await sievert.people.get(person, by: Self.console).id == person)
                #expect(try await sievert.doses.history(of: person, by: Self.console).entries.count >= 1)
            }
            let keysAfter = try await sievert.store.keyInventory(scope: Self.console.scope)
            let personKeys = { (inventory: KeyInventory) in
                inventory.underOrganisationKeys.filter { $0.kind == "person_keys" }.reduce(0) { $0 + $1.count }
            }
            #expect(personKeys(keysAfter) == personKeys(keysBefore) - 1)
            // The dose of record is append-only: the entries stay, sealed under a key that no longer exists.
            #expect(try await sievert.store.doseEntries(of: due, scope: Self.console.scope).count == 2)
            // The pseudonymous ledger still verifies and says who was shredded, by id.
            try await test.runtime.ledger.checkpoint()
            let verified = try await test.runtime.ledger.verify()
            #expect(verified.verdict == .ok && verified.witnessedEvents == verified.storedEvents)
            let events = try await sievert.store.auditEvents(after: 0, limit: 100_000)
            #expect(events.filter { $0.action == "retention.shred" }.map(\.subjectID) == [due.description])
            #expect(events.filter { $0.purpose == "retention" && $0.action == "person.read" }.count == 8)
            // Nothing is due twice.
            let again = try await sievert.retention.run(apply: true, by: Self.console)
            #expect(again.due.isEmpty && again.examined == 3)
        }
    }

    @Test("only the service operator runs it")
    func operatorOnly() async throws {
        try await withTestRuntime(.sqlite) { test in
            let lead = Caller(actor: "lead", role: .orgLead, organisations: .all, requestID: "t")
            await #expect(throws: ServiceError.self) { try await test.sievert.retention.run(apply: false, by: lead) }
        }
    }
}

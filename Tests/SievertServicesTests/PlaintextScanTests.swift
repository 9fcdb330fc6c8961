import DoseCore
import Foundation
import Interchange
import Logging
import SievertApp
import SievertServices
import SievertTestSupport
import Testing

/// DESIGN.md §Security 1: seed people through the service layer, then search every byte the store and
/// the logs hold for every personal value. Nothing may be found.
@Suite("Nothing personal in clear at rest or in logs")
struct PlaintextScanTests {
    /// Seeds 1,200 people three ways (bulk store, CSV import from memory, registration) and reads them back.
    static func seed(_ test: TestRuntime) async throws -> (people: [Person], staffNumbers: [String], secrets: [String])
    {
        let sievert = test.sievert
        let console = Caller.console(requestID: "scan")
        let organisation = try await sievert.organisations.register(
            NewOrganisation(
                code: "SCAN", name: "Scan Test Trust", kind: "nhs-trust",
                leadContact: Contact(name: "Lead Person", role: "RPS", email: "lead.person@example.org", phone: nil)),
            by: console)
        var population = SyntheticPopulation(seed: 99)
        let now = Date()
        let bulk = (0..<1000).map { _ in population.person(organisationID: organisation.id, now: now) }
        try await sievert.demo.store(bulk, organisation: organisation.id, caller: console)

        let imported = (0..<190).map { _ in population.person(organisationID: organisation.id, now: now) }
        let records = try imported.enumerated().map { index, pair in
            PeopleCSVRecord(
                line: index + 2, recordID: "R\(index)", organisationCode: try OrganisationCode("SCAN"),
                staffNumber: pair.1.staffNumber, identity: pair.0.identity, contact: pair.0.contact, status: .active,
                dateOfDeath: nil, updatedAt: nil)
        }
        let report = try await sievert.peopleImport.run(PeopleCSV.write(records), by: console)
        #expect(report.committed && report.created == 190)

        var registered: [Person] = []
        for _ in 0..<10 {
            let (person, employment) = population.person(organisationID: organisation.id, now: now)
            var input = NewPerson(surname: person.identity.surname)
            input.forenames = person.identity.forenames
            input.dateOfBirth = person.identity.dateOfBirth?.iso
            input.nino = person.identity.nino?.spaced
            input.email = person.contact.email
            input.postcode = person.contact.postcode
            input.address = person.contact.address
            input.staffNumber = employment.staffNumber
            let view = try await sievert.people.register(input, in: "SCAN", by: console)
            _ = try await sievert.people.get(view.id, by: console)
            registered.append(person)
        }
        // Reads and changes log and audit too: exercise them before scanning.
        let page = try await sievert.people.list(organisationCode: "SCAN", after: nil, limit: 50, by: console)
        _ = try await sievert.people.updateContact(
            page.people[0].id, ContactPatch(email: "changed.person@example.net"), by: console)
        _ = try await sievert.people.markLeft(page.people[1].id, on: nil, by: console)
        // Accounts: a lead with a TOTP secret, a wearer, sign-ins good and bad.
        let lead = try await sievert.enrolledAccount(
            login: "scan.lead.holder@example.org", role: .orgLead, organisations: ["SCAN"],
            password: "scanned passphrase never stored")
        let wearer = try await sievert.enrolledAccount(
            login: "scan.wearer.holder@example.org", role: .wearer, person: page.people[2].id)
        _ = try? await sievert.signIn.signIn(
            login: lead.login, password: "a wrong passphrase here", code: nil, address: "203.0.113.77", requestID: "s")
        _ = try await sievert.signIn.signIn(
            login: lead.login, password: lead.password, code: lead.code(at: Date()), address: "203.0.113.77",
            requestID: "s")
        // Breach response: the register, scopes that decrypt, the plan's linkage and the letters leave nothing in
        // clear behind them (the summary is a secret of its own).
        let incident = try await sievert.incidents.declare(
            NewIncident(
                summary: "Scan drill: lost laptop of a named manager", source: .processor,
                occurredAt: Date(timeIntervalSinceNow: -60), awareAt: Date(), contactPoint: "scan.dpo@example.org"),
            by: console)
        _ = try await sievert.incidents.scope(incident.id, by: .rootKey(version: 1), caller: console)
        _ = try await sievert.incidents.plan(incident.id, caller: console)
        _ = try await sievert.incidents.letters(incident.id, by: console)
        let people = bulk.map(\.0) + imported.map(\.0) + registered
        let staff = (bulk + imported).compactMap(\.1.staffNumber)
        let secrets = [
            lead.login, wearer.login, lead.password, "a wrong passphrase here", "203.0.113.77",
            "lost laptop of a named manager", "scan.dpo@example.org",
            try #require(lead.totpSecret),
        ]
        return (people, staff, secrets)
    }

    static func needles(_ people: [Person], staffNumbers: [String], secrets: [String]) throws -> (
        PlaintextScan, searchedSurnames: Int
    ) {
        var scan = PlaintextScan()
        var surnames = 0
        func add(_ value: String?) throws {
            guard let value, value.utf8.count >= 5 else { return }
            try scan.add(value)
        }
        for person in people {
            if person.identity.surname.utf8.count >= 5 { surnames += 1 }
            try add(person.identity.surname)
            try add(person.identity.forenames)
            try add(person.identity.nino?.value)
            try add(person.identity.nino?.spaced)
            if let dob = person.identity.dateOfBirth {
                try add(dob.iso)
                try add(String(format: "%02d/%02d/%04d", dob.day, dob.month, dob.year))
                try add(String(format: "%04d%02d%02d", dob.year, dob.month, dob.day))
            }
            try add(person.contact.email)
            try add(person.contact.postcode)
            try add(person.contact.address)
        }
        for staff in staffNumbers { try add(staff) }
        try add("changed.person@example.net")
        try add("lead.person@example.org")
        for secret in secrets { try add(secret) }
        return (scan, surnames)
    }

    @Test("the SQLite database, its WAL and shared-memory files and the logs hold no personal value")
    func sqlite() async throws {
        let capture = LogCapture()
        try await withTestRuntime(.sqlite, logger: capture.logger(level: .trace)) { test in
            // setup
            let (people, staff, secrets) = try await Self.seed(test)
            let (scan, surnames) = try Self.needles(people, staffNumbers: staff, secrets: secrets)
            #expect(people.count == 1200)
            #expect(surnames >= 1100, "most surnames must be long enough to search for")
            #expect(scan.needles.count > 8000)
            // The scanner itself finds a planted value, so an empty result below means something.
            let planted = try #require(people.first?.identity.nino?.value)
            #expect(scan.hits(in: Array("ciphertext\(planted)more".utf8)) == [planted])
            let database = test.runtime.settings.sqlitePath
            let files = [database, database + "-wal", database + "-shm"]

            // MUT: scan while open (the WAL holds recent pages), then after closing
            let whileOpen = scan.hits(inFiles: files)
            await test.runtime.close()
            let afterClose = scan.hits(inFiles: files)

            // validate
            #expect(whileOpen[database] != nil && whileOpen[database + "-wal"] != nil)
            for (file, hits) in whileOpen.merging(afterClose, uniquingKeysWith: { $0.union($1) }) {
                #expect(hits.isEmpty, "\(hits.count) personal values found in clear in \(file)")
            }
            #expect(capture.count > 0)
            #expect(scan.hits(in: Array(capture.text.utf8)).isEmpty, "personal values found in the logs")
        }
    }

    @Test(
        "a pg_dump of the PostgreSQL database holds no personal value",
        .enabled(if: StoreKind.available.contains(.postgres)))
    func postgres() async throws {
        let capture = LogCapture()
        try await withTestRuntime(.postgres, logger: capture.logger(level: .trace)) { test in
            let (people, staff, secrets) = try await Self.seed(test)
            let (scan, _) = try Self.needles(people, staffNumbers: staff, secrets: secrets)
            let superuser = try #require(
                ProcessInfo.processInfo.environment["SIEVERT_TEST_POSTGRES_SUPERUSER_URL"],
                "pg_dump needs SIEVERT_TEST_POSTGRES_SUPERUSER_URL (row-level security hides rows from other roles)")
            let owner = try #require(test.postgresOwner)
            let database = try #require(URLComponents(string: owner)?.path.dropFirst())
            var target = try #require(URLComponents(string: superuser))
            target.path = "/" + database
            let dump = try await ProcessRunner.run(
                "pg_dump", ["--data-only", "--dbname=\(try #require(target.string))"])
            #expect(dump.status == 0)
            // The dump holds every row (ciphertext), so an empty dump cannot pass the scan.
            #expect(dump.output.count > 1200 * 300)
            // The scan itself finds a value planted in clear or hex-encoded, at the dump's value boundaries.
            let planted = try #require(people.first?.identity.dateOfBirth?.iso)
            let hexPlanted = planted.utf8.map { String(format: "%02x", $0) }.joined()
            #expect(scan.hits(inHexDump: Array("a\t\(planted)\n".utf8)) == [planted])
            #expect(scan.hits(inHexDump: Array("\\\\x00\(hexPlanted)ff\n".utf8)) == [planted])
            #expect(scan.hits(inHexDump: dump.output).isEmpty, "personal values found in clear in pg_dump output")
            #expect(scan.hits(in: Array(capture.text.utf8)).isEmpty, "personal values found in the logs")
        }
    }
}

import DoseCore
import Foundation
import SievertApp
import SievertStorage
import SievertTestSupport
import Synchronization
import Testing
import Vault

@testable import SievertServices

@Suite("Key rotation while serving: add, use for new writes, rewrap, retire; every step audited")
struct KeyRotationTests {
    static let console = Caller.console(requestID: "keys-test")
    static let code = SyntheticPopulation.demoOrganisations[0].code

    /// What a reader sees of the records: every organisation with its contacts, every person, the dose history of
    /// each of the first organisation's people, and its alerts. Opening them decrypts every kind of value.
    static func snapshot(_ sievert: Sievert) async throws -> [String] {
        var lines: [String] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func line(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        for summary in try await sievert.organisations.list(by: console) {
            lines.append("\(try await sievert.organisations.get(code: summary.code, by: console))")
            var after: PersonID?
            repeat {
                let page = try await sievert.people.list(
                    organisationCode: summary.code, after: after, limit: 500, by: console)
                for person in page.people {
                    lines.append(try line(person))
                    if summary.code == code {
                        lines.append(try line(try await sievert.doses.history(of: person.id, by: console)))
                    }
                }
                after = page.next
            } while after != nil
        }
        for alert in try await sievert.alerts.list(organisation: code, by: console) { lines.append(try line(alert)) }
        return lines
    }

    @Test(
        "root and organisation keys rotated and retired while a second process reads and writes: nothing is left under the retired versions and everything still opens",
        arguments: StoreKind.available)
    func rotateWhileServing(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            // setup
            let operatorSide = test.sievert
            _ = try await operatorSide.demo.seed(scale: 0.1, by: Self.console)
            _ = try await operatorSide.seedDemoActivity(
                organisation: Self.code, today: CalendarDate(Date()), by: Self.console)
            // An organisation with contacts and an alert noticed to its lead by e-mail.
            _ = try await operatorSide.organisations.register(
                NewOrganisation(
                    code: "KEYS", name: "Rotation Trust", kind: "nhs-trust",
                    leadContact: Contact(name: "Lead", role: "RPS", email: "rps.lead@example.org")), by: Self.console)
            var wearer = NewPerson(surname: "Rotated")
            wearer.dateOfBirth = "1980-05-05"
            wearer.startDate = "2020-01-01"
            wearer.designation = "classified"
            let person = try await operatorSide.people.register(wearer, in: "KEYS", by: Self.console).id
            for (month, mSv) in [("01", "5.0"), ("02", "2.0")] {
                _ = try await operatorSide.doses.record(
                    NewDoseEntry(
                        periodBegin: "2026-\(month)-01", periodEnd: "2026-\(month)-28", quantity: "effective",
                        kind: "estimated", mSv: mSv), for: person, by: Self.console)
            }
            let initial = try await operatorSide.keyRotation.status(by: Self.console)
            let organisationBefore = try #require(initial.organisations.first { $0.owner == Self.code })
            #expect(initial.root.versions == [1] && organisationBefore.versions == [1])
            // Every kind of row the rotation must move is present, so the test covers each.
            let inventory = try await operatorSide.store.keyInventory(scope: Self.console.scope)
            let kinds = Set(inventory.underOrganisationKeys.map(\.kind))
            #expect(
                kinds.isSuperset(of: [
                    "person_keys", "lab_readings.cells", "dose_alerts.alert",
                    "organisations.contacts", "mail_outbox.message",
                ]))
            #expect(Set(inventory.underRoot.map(\.kind)) == ["organisation_keys", "service_keys"])
            // The "running server": a second runtime on the same store and root key file, caches warmed.
            let server = try await SievertRuntime.open(test.runtime.settings, logger: TestLog.quiet)
            let before = try await Self.snapshot(server.sievert)
            let stop = Stop()
            let writer = Task {
                var registered: [PersonID] = []
                while !stop.requested {
                    var input = NewPerson(surname: "Duringrotation")
                    input.dateOfBirth = "1990-01-0\(registered.count % 9 + 1)"
                    input.startDate = "2024-01-01"
                    registered.append(
                        try await server.sievert.people.register(input, in: Self.code, by: Self.console).id)
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return registered
            }

            // MUT
            let root = try await operatorSide.keyRotation.rotateRoot(by: Self.console)
            let organisation = try await operatorSide.keyRotation.rotateOrganisation(code: Self.code, by: Self.console)
            let other = try await operatorSide.keyRotation.rotateOrganisation(code: "KEYS", by: Self.console)
            stop.request()
            let registered = try await writer.value
            // A write that raced a rotation with the old primary is moved by running the pass again.
            try await operatorSide.keyRotation.rewrapUnderRoot(by: Self.console)
            try await operatorSide.keyRotation.rewrapOrganisation(code: Self.code, by: Self.console)
            try await operatorSide.keyRotation.retireRoot(version: 1, by: Self.console)
            try await operatorSide.keyRotation.retireOrganisation(code: Self.code, version: 1, by: Self.console)
            try await operatorSide.keyRotation.retireOrganisation(code: "KEYS", version: 1, by: Self.console)

            // validate
            // Every organisation key and the three service-wide keys.
            #expect(root.version == 2 && root.rewrapped == SyntheticPopulation.demoOrganisations.count + 1 + 3)
            #expect(organisation.version == 2 && organisation.rewrapped > 0)
            // Its person key, its contacts, its alert(s) and the notice(s) to its lead.
            let keysBefore = try #require(initial.organisations.first { $0.owner == "KEYS" })
            #expect(other.version == 2 && other.rewrapped == keysBefore.rowsByVersion[1])

            #expect(!registered.isEmpty)
            let status = try await operatorSide.keyRotation.status(by: Self.console)
            #expect(status.root.versions == [2] && status.root.primary == 2)
            #expect(status.root.rowsByVersion[1] == nil && status.root.unreadable == 0)
            let organisationAfter = try #require(status.organisations.first { $0.owner == Self.code })
            #expect(organisationAfter.versions == [2] && organisationAfter.primary == 2)
            #expect(organisationAfter.rowsByVersion[1] == nil && organisationAfter.unreadable == 0)
            let keysAfter = try #require(status.organisations.first { $0.owner == "KEYS" })
            #expect(keysAfter.versions == [2] && keysAfter.rowsByVersion == [2: other.rewrapped])
            #expect(
                organisationAfter.rowsByVersion[2, default: 0] == organisationBefore.rowsByVersion[1, default: 0]
                    + registered.count)
            // The retired root version is gone from the key file itself.
            let file = try Keyset(
                serialized: Array(
                    try Data(
                        contentsOf: URL(
                            fileURLWithPath:
                                test.runtime.settings.developmentKeyFile))))
            #expect(file.versions == [2] && file.retiredVersions == [1])
            // Everything still opens: in the server, whose caches predate the rotation, and in a fresh process.
            try await Task.sleep(for: KeyService.refreshInterval * 2)
            let after = try await Self.snapshot(server.sievert)
            #expect(Set(before).isSubset(of: Set(after)))
            #expect(after.count > before.count)
            await server.close()
            let fresh = try await SievertRuntime.open(test.runtime.settings, logger: TestLog.quiet)
            #expect(try await Self.snapshot(fresh.sievert) == after)
            let verification = try await fresh.sievert.keyRotation.verify(by: Self.console)
            #expect(verification.failures.isEmpty)
            #expect(
                verification.keys == inventory.underOrganisationKeys.filter { $0.kind == "person_keys" }
                    .reduce(0) { $0 + $1.count } + registered.count + SyntheticPopulation.demoOrganisations.count + 1)
            await fresh.close()
            let actions = Set(try await operatorSide.store.auditEvents(after: 0, limit: 1_000_000).map(\.action))
            #expect(
                actions.isSuperset(of: [
                    "keys.root.add", "keys.root.rewrap", "keys.organisation.add", "keys.organisation.rewrap",
                    "keys.organisation.reseal", "keys.root.retire", "keys.organisation.retire",
                ]))
        }
    }

    @Test("a version is retired only when it is held, not primary, and nothing is under it")
    func retirementRule() throws {
        let (added, two) = Keyset.generate().adding()
        let keyset = try added.promoting(two)
        let under = { (version: UInt32, count: Int) in
            [KeyInventory.Count(organisationID: nil, kind: "person_keys", version: version, count: count)]
        }
        #expect(throws: Never.self) { try KeyRotation.checkRetirable(1, of: keyset, rows: under(2, 5), owner: "test") }
        #expect(throws: ServiceError.self) {
            try KeyRotation.checkRetirable(1, of: keyset, rows: under(1, 1), owner: "test")
        }
        #expect(throws: ServiceError.self) { try KeyRotation.checkRetirable(2, of: keyset, rows: [], owner: "test") }
        #expect(throws: ServiceError.self) { try KeyRotation.checkRetirable(3, of: keyset, rows: [], owner: "test") }
    }

    @Test("refusals: only the operator, the primary, a version still in use, a root key the process cannot rewrite")
    func refusals() async throws {
        try await withTestRuntime(.sqlite) { test in
            let sievert = test.sievert
            _ = try await sievert.demo.seed(scale: 0.05, by: Self.console)
            let lead = Caller(actor: "lead", role: .orgLead, organisations: .all, requestID: "t")
            await #expect(throws: ServiceError.self) { try await sievert.keyRotation.status(by: lead) }
            // Version 1 is the root's primary: it cannot be retired.
            await #expect(throws: ServiceError.self) {
                try await sievert.keyRotation.retireRoot(version: 1, by: Self.console)
            }
            // For a root key kept elsewhere, the next keyset is handed over, not stored.
            let (keyFile, version) = try await sievert.keyRotation.nextRootKeyset(by: Self.console)
            let next = try Keyset(serialized: keyFile)
            #expect(version == 2 && next.primaryVersion == 2 && next.versions == [1, 2])
            #expect(try await sievert.keyRotation.status(by: Self.console).root.versions == [1])
            // With the root key held in memory (an environment secret), rotation cannot rewrite it.
            let fixed = try await Sievert.open(
                store: sievert.store,
                root: FixedRootKey(
                    try Keyset(
                        serialized: Array(
                            try Data(
                                contentsOf:
                                    URL(fileURLWithPath: test.runtime.settings.developmentKeyFile)))),
                    origin: "environment"))
            await #expect(throws: RootKeySourceError.self) { try await fixed.keyRotation.rotateRoot(by: Self.console) }
        }
    }

    @Test("a key file source sees a rewritten file, replaces it atomically and keeps it private")
    func fileSource() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("root-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/root.keyset"
        let first = Keyset.generate()
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data(first.serialized()), attributes: [.posixPermissions: 0o600]))
        let source = FileRootKey(path: path, requirePrivate: true)
        #expect(try source.load().versions == [1])
        #expect(!source.mayHaveChanged())
        let (added, two) = first.adding()
        try source.save(try added.promoting(two))
        #expect(source.mayHaveChanged())
        #expect(try source.load().primaryVersion == two)
        #expect(!source.mayHaveChanged())
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["root.keyset"])
    }
}

/// Tells a writer task to finish its current write and stop (cancelling it would abandon a query midway).
final class Stop: Sendable {
    private let flag = Mutex(false)
    var requested: Bool { flag.withLock { $0 } }
    func request() { flag.withLock { $0 = true } }
}

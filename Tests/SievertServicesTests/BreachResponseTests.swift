import DoseCore
import Foundation
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// Breach response through the use cases on both stores: declare, scope (by principals, by the store, by a key
/// version, by leaked files), plan with the cleanse, the Art. 33 figures, the notification lists and letters.
@Suite("Breach response")
struct BreachResponseTests {
    static let console = Caller.console(requestID: "breach-test")

    /// The demo population (about 300 people at six organisations) plus known cases at AVUHB and BRYNTRUST.
    struct Seeded {
        var bethan: PersonID  // AVUHB, with a NINO, address, staff number and a dose
        var beth: PersonID  // BRYNTRUST: the same woman under her married name, registered later with an e-mail
        var dummy: PersonID  // AVUHB "Test Dummy"
        var deceased: PersonID  // AVUHB, marked deceased
        var nameOnly: PersonID  // AVUHB, a name and nothing else
        var avuhb: OrganisationID
        var bryntrust: OrganisationID
    }

    static func seed(_ sievert: Sievert) async throws -> Seeded {
        _ = try await sievert.demo.seed(scale: 1, by: console)
        func register(_ input: NewPerson, at code: String) async throws -> PersonID {
            try await sievert.people.register(input, in: code, by: console).id
        }
        var bethan = NewPerson(surname: "Aberquell")
        bethan.forenames = "Bethan"
        bethan.dateOfBirth = "1984-03-07"
        bethan.sex = "F"
        bethan.nino = "JK482915C"
        bethan.address = "1 High Street, Pontypridd"
        bethan.postcode = "CF37 1AA"
        bethan.staffNumber = "V100"
        let bethanID = try await register(bethan, at: "AVUHB")
        _ = try await sievert.doses.record(
            NewDoseEntry(
                periodBegin: "2026-01-01", periodEnd: "2026-01-31", quantity: "effective", kind: "estimated", mSv: "0.4"
            ),
            for: bethanID, by: console)
        var beth = NewPerson(surname: "Rowlands")
        beth.forenames = "Beth"
        beth.dateOfBirth = "1984-03-07"
        beth.sex = "F"
        beth.nino = "JK 48 29 15 C"
        beth.email = "beth.rowlands@example.org"
        beth.staffNumber = "B200"
        let bethID = try await register(beth, at: "BRYNTRUST")
        var dummy = NewPerson(surname: "Dummy")
        dummy.forenames = "Test"
        dummy.dateOfBirth = "1990-01-01"
        let dummyID = try await register(dummy, at: "AVUHB")
        var gone = NewPerson(surname: "Pritchard")
        gone.forenames = "Gareth"
        gone.dateOfBirth = "1951-06-02"
        gone.nino = "NP104377B"
        gone.address = "3 Chapel Row, Aberdare"
        gone.postcode = "CF44 7AB"
        let goneID = try await register(gone, at: "AVUHB")
        _ = try await sievert.people.markDeceased(goneID, on: CalendarDate(year: 2026, month: 2, day: 1), by: console)
        var nameOnly = NewPerson(surname: "Jenkins")
        nameOnly.forenames = "Dai"
        let nameOnlyID = try await register(nameOnly, at: "AVUHB")
        let organisations = try await sievert.organisations.list(by: console)
        return Seeded(
            bethan: bethanID, beth: bethID, dummy: dummyID, deceased: goneID, nameOnly: nameOnlyID,
            avuhb: try #require(organisations.first { $0.code == "AVUHB" }?.id),
            bryntrust: try #require(organisations.first { $0.code == "BRYNTRUST" }?.id))
    }

    static func declare(_ sievert: Sievert, occurred: Date = Date(timeIntervalSinceNow: -86_400)) async throws
        -> Incident
    {
        try await sievert.incidents.declare(
            NewIncident(
                summary: "An organisation lead's API token was found on a public code site.", source: .ownSystems,
                occurredAt: occurred, awareAt: Date(), contactPoint: "Data Protection Officer, dpo@rps.example"),
            by: console)
    }

    static func rows(_ sievert: Sievert, _ id: IncidentID) async throws -> [PersonID: IncidentPersonRow] {
        Dictionary(
            uniqueKeysWithValues: try await sievert.store.incidentPeople(of: id, scope: .service(actor: "test"))
                .map { ($0.personID, $0) })
    }

    @Test(
        "scope by a stolen token finds exactly what it read, field by field; the plan merges, drops and keeps people",
        arguments: StoreKind.available)
    func stolenToken(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await Self.seed(sievert)
            let stolen = Caller(
                actor: "token:stolen", role: .orgLead, organisations: .only([seeded.avuhb, seeded.bryntrust]),
                requestID: "attack")
            let from = Date(timeIntervalSinceNow: -1)
            // The attacker reads four records in full and one dose history; a legitimate lead reads another record.
            for person in [seeded.bethan, seeded.beth, seeded.deceased, seeded.nameOnly, seeded.dummy] {
                _ = try await sievert.people.get(person, by: stolen)
            }
            _ = try await sievert.doses.history(of: seeded.bethan, by: stolen)
            let legitimate = Caller(
                actor: "token:legitimate", role: .orgLead, organisations: .only([seeded.avuhb]), requestID: "ok")
            let bystander = try #require(
                try await sievert.people.list(organisationCode: "AVUHB", after: nil, limit: 1, by: legitimate).people
                    .first?.id)
            try await Task.sleep(for: .milliseconds(5))
            let to = Date()
            try await Task.sleep(for: .milliseconds(5))
            // After the window: not counted.
            _ = try await sievert.people.get(bystander, by: stolen)

            let incident = try await Self.declare(sievert)
            let outcome = try await sievert.incidents.scope(
                incident.id, by: .principals(["token:stolen"], from: from, to: to), caller: Self.console)
            #expect(outcome.records == 5 && outcome.readable == 5 && outcome.totalRecords == 5)
            let rows = try await Self.rows(sievert, incident.id)
            #expect(Set(rows.keys) == [seeded.bethan, seeded.beth, seeded.deceased, seeded.nameOnly, seeded.dummy])
            func fields(_ person: PersonID) throws -> Set<PersonalField> {
                try PersonalField.set(parsing: try #require(rows[person]).exposed)
            }
            // A read shows only what the record holds.
            #expect(
                try fields(seeded.bethan) == [.name, .dateOfBirth, .sex, .contactDetails, .staffNumber, .dose])
            #expect(try fields(seeded.beth) == [.name, .dateOfBirth, .sex, .contactDetails, .staffNumber])
            #expect(try fields(seeded.deceased) == [.name, .dateOfBirth, .contactDetails])
            #expect(try fields(seeded.nameOnly) == [.name])
            #expect(rows.values.allSatisfy { $0.foundBy == "principal" && $0.disposition == nil })

            let plan = try await sievert.incidents.plan(incident.id, caller: Self.console)
            let planned = try await Self.rows(sievert, incident.id)
            #expect(planned[seeded.bethan]?.cluster == planned[seeded.beth]?.cluster)
            #expect(planned[seeded.bethan]?.disposition == "notify")
            // The later record, with a usable e-mail, is the contact.
            #expect(planned[seeded.bethan]?.contactPersonID == seeded.beth)
            #expect(planned[seeded.dummy]?.disposition == "dummy" && planned[seeded.dummy]?.delivery == "not-sent")
            #expect(planned[seeded.deceased]?.disposition == "deceased")
            #expect(planned[seeded.nameOnly]?.disposition == "unidentifiable")
            #expect(plan.records == 5 && plan.people == 3 && plan.notify == 1 && plan.notifyWithoutContact == 0)
            #expect(plan.deceased == 1 && plan.unidentifiable == 1 && plan.dummies == 1 && plan.duplicatesMerged == 1)

            // The Art. 33 figures, by organisation and field.
            let document = try await sievert.incidents.report(incident.id, format: .json, by: Self.console)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let report = try decoder.decode(BreachReport.self, from: Data(document.bytes))
            #expect(report.records == 5 && report.people == 3 && report.dummies == 1 && report.planned)
            #expect(report.notify == 1 && report.deceased == 1 && report.unidentifiable == 1)
            #expect(!report.unintelligible)
            let avuhb = try #require(report.organisations.first { $0.code == "AVUHB" })
            let bryn = try #require(report.organisations.first { $0.code == "BRYNTRUST" })
            #expect(avuhb.records == 4 && avuhb.people == 3 && avuhb.dummies == 1)
            #expect(bryn.records == 1 && bryn.people == 1)
            let counts = Dictionary(uniqueKeysWithValues: avuhb.fields.map { ($0.field, $0.people) })
            #expect(
                counts == [.name: 3, .dateOfBirth: 2, .sex: 1, .contactDetails: 2, .staffNumber: 1, .dose: 1])
            #expect(avuhb.combinations.map(\.people).reduce(0, +) == 3)
            // Across organisations Bethan is one person: the totals count her once.
            let total = Dictionary(uniqueKeysWithValues: report.fields.map { ($0.field, $0.people) })
            #expect(total[.name] == 3 && total[.dose] == 1 && total[.staffNumber] == 1)
            let html = String(
                decoding: try await sievert.incidents.report(incident.id, format: .html, by: Self.console).bytes,
                as: UTF8.self)
            #expect(html.contains("Personal data breach report") && !html.contains("Aberquell"))
        }
    }

    @Test(
        "the notification list and letters: one letter per person to notify; a lead sees only her organisation",
        arguments: StoreKind.available)
    func listsAndLetters(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await Self.seed(sievert)
            let incident = try await Self.declare(sievert)
            _ = try await sievert.incidents.scope(incident.id, by: .rootKey(version: 1), caller: Self.console)
            _ = try await sievert.incidents.plan(incident.id, caller: Self.console)

            let all = try await sievert.incidents.notificationList(incident.id, by: Self.console)
            #expect(
                all.count
                    == (try await sievert.store.incidentPeople(of: incident.id, scope: .service(actor: "t")).count))
            let bethan = try #require(all.first { $0.recordID == seeded.bethan })
            #expect(bethan.name == "Bethan Aberquell" && bethan.contactName == "Beth Rowlands")
            #expect(bethan.email == "beth.rowlands@example.org")
            let lead = Caller(
                actor: "token:lead", role: .orgLead, organisations: .only([seeded.bryntrust]), requestID: "l")
            let own = try await sievert.incidents.notificationList(incident.id, by: lead)
            #expect(!own.isEmpty && own.allSatisfy { $0.organisationCode == "BRYNTRUST" })
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.incidents.notificationList(incident.id, organisationCode: "AVUHB", by: lead)
            }

            let letters = String(
                decoding: try await sievert.incidents.letters(incident.id, by: Self.console).bytes, as: UTF8.self)
            let people = Set(all.filter { $0.disposition == "notify" }.map { $0.person ?? "" })
            #expect(letters.components(separatedBy: "<article class=\"letter\">").count - 1 == people.count)
            #expect(letters.contains("Beth Rowlands") && !letters.contains("Pritchard") && !letters.contains("Dummy"))
            // Bethan's one letter names what each of her employers held.
            #expect(letters.contains("From your record at AVUHB") && letters.contains("From your record at BRYNTRUST"))

            let csv = String(
                decoding: try await sievert.incidents.notificationCSV(incident.id, by: Self.console).bytes,
                as: UTF8.self)
            #expect(csv.hasPrefix("organisation,record_id,person,name,exposed_fields"))

            // Delivery is tracked per letter; a record that gets no letter refuses it.
            try await sievert.incidents.recordDelivery(.returned, of: seeded.beth, on: incident.id, by: lead)
            #expect(try await Self.rows(sievert, incident.id)[seeded.beth]?.delivery == "returned")
            await #expect(throws: ServiceError.self) {
                try await sievert.incidents.recordDelivery(
                    .sent, of: seeded.deceased, on: incident.id, by: Self.console)
            }
        }
    }

    @Test(
        "a stolen database without the keys exposes only ciphertext: Art. 34(3)(a) applies and is stated",
        arguments: StoreKind.available)
    func ciphertextOnly(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            _ = try await Self.seed(sievert)
            let incident = try await Self.declare(sievert)
            let outcome = try await sievert.incidents.scope(
                incident.id,
                by: .storeWindow(from: Date(timeIntervalSinceNow: -3_600), to: Date(), keysCompromised: false),
                caller: Self.console)
            var people = 0
            for organisation in try await sievert.organisations.list(by: Self.console) {
                people += try await sievert.store.countPeople(of: organisation.id, scope: .service(actor: "test"))
            }
            #expect(outcome.records == people && outcome.readable == 0)
            let report = try JSONDecoder.iso.decode(
                BreachReport.self,
                from: Data(try await sievert.incidents.report(incident.id, format: .json, by: Self.console).bytes))
            #expect(report.unintelligible && report.readablePeople == 0)
            #expect(report.assessment.contains("Art. 34(3)(a)"))
            // A window that ends before anyone was registered finds no one.
            let before = try await Self.declare(sievert, occurred: Date(timeIntervalSinceNow: -86_400 * 400))
            let empty = try await sievert.incidents.scope(
                before.id,
                by: .storeWindow(
                    from: Date(timeIntervalSinceNow: -86_400 * 400), to: Date(timeIntervalSinceNow: -86_400 * 300),
                    keysCompromised: true),
                caller: Self.console)
            #expect(empty.records == 0)
        }
    }

    @Test(
        "a leaked people file is matched back by NINO, staff number and linkage; unknown rows are counted",
        arguments: StoreKind.available)
    func leakedPeopleFile(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await Self.seed(sievert)
            let incident = try await Self.declare(sievert)
            let header =
                "record_id,organisation_code,staff_number,forenames,surname,date_of_birth,sex,ni_number,email,phone,address,postcode,status,date_of_death,updated_at"
            let file =
                [
                    header,
                    // By NINO, written differently: Bethan's AVUHB record (the row's organisation is preferred).
                    "x1,AVUHB,,Bethan,Aberquell,,,jk482915c,,,,,,,",
                    // By staff number at BRYNTRUST.
                    "x2,BRYNTRUST,B200,,Rowlands,,,,,,,,,,",
                    // By linkage: name and date of birth only, surname misspelt.
                    "x3,AVUHB,,Gareth,Prichard,1951-06-02,,,,,,,,,",
                    // No one.
                    "x4,AVUHB,,Zebedee,Quinnell,1931-12-25,,,,,,,,,",
                ].joined(separator: "\r\n") + "\r\n"
            let outcome = try await sievert.incidents.scope(
                incident.id, by: .peopleFile(name: "leak.csv", bytes: Array(file.utf8)), caller: Self.console)
            let rows = try await Self.rows(sievert, incident.id)
            #expect(Set(rows.keys) == [seeded.bethan, seeded.beth, seeded.deceased])
            #expect(rows[seeded.bethan]?.exposed == "name,nino")
            #expect(rows[seeded.beth]?.exposed == "name,staff_number")
            #expect(rows[seeded.deceased]?.exposed == "name,date_of_birth")
            #expect(outcome.unmatchedRows == 1 && outcome.records == 3)

            // A broken file is refused whole with the line at fault, and nothing is recorded.
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.incidents.scope(
                    incident.id, by: .peopleFile(name: "bad.csv", bytes: Array("not,a,people,file\n".utf8)),
                    caller: Self.console)
            }
            #expect(try await Self.rows(sievert, incident.id).count == 3)
        }
    }

    @Test(
        "a compromised organisation key version exposes every field of everyone whose key it wraps",
        arguments: StoreKind.available)
    func organisationKey(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let seeded = try await Self.seed(sievert)
            let incident = try await Self.declare(sievert)
            let outcome = try await sievert.incidents.scope(
                incident.id, by: .organisationKey(code: "BRYNTRUST", version: 1), caller: Self.console)
            let rows = try await Self.rows(sievert, incident.id)
            #expect(outcome.records == rows.count && rows.values.allSatisfy { $0.organisationID == seeded.bryntrust })
            #expect(rows[seeded.beth]?.exposed == "name,date_of_birth,nino,sex,staff_number,contact_details")
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.incidents.scope(
                    incident.id, by: .organisationKey(code: "BRYNTRUST", version: 9), caller: Self.console)
            }
        }
    }

    @Test("the register: the 72-hour clock, the decision log, and who may act", arguments: StoreKind.available)
    func register(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            let incident = try await Self.declare(sievert)
            let listed = try #require(try await sievert.incidents.list(by: Self.console).first)
            #expect(listed.id == incident.id && listed.status == .open)
            #expect(abs(listed.reportDue.timeIntervalSince(incident.awareAt) - 72 * 3_600) < 0.001)
            #expect((listed.secondsToReport ?? 0) > 71 * 3_600)
            let decided = try await sievert.incidents.record(
                .notReported, text: "Only ciphertext left; keys were not compromised.", on: incident.id,
                by: Self.console)
            #expect(decided.status == .open && decided.decidedNotToReport)
            let closed = try await sievert.incidents.record(
                .closed, text: "Keys rotated.", on: incident.id, by: Self.console)
            #expect(closed.status == .closed && closed.decisions.map(\.kind) == [.note, .notReported, .closed])
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.incidents.record(.note, text: "late", on: incident.id, by: Self.console)
            }
            let lead = Caller(actor: "token:lead", role: .orgLead, organisations: .only([]), requestID: "l")
            let auditor = Caller(actor: "token:auditor", role: .auditor, organisations: .only([]), requestID: "a")
            await #expect(throws: ServiceError.self) { _ = try await sievert.incidents.list(by: lead) }
            await #expect(throws: ServiceError.self) { _ = try await Self.declareAs(sievert, auditor) }
            #expect(try await sievert.incidents.get(incident.id, by: auditor).id == incident.id)
            // The register is sealed: the summary is nowhere in the stored row.
            let row = try #require(try await sievert.store.incident(id: incident.id))
            #expect(!String(decoding: row.sealedIncident, as: UTF8.self).contains("public code site"))
        }
    }

    @Test(
        "the processor's notice goes to each affected organisation's data-protection contact, sealed, once per call",
        arguments: StoreKind.available)
    func controllerNotices(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(
                    code: "NOTICE", name: "Notice Trust", kind: "nhs-trust",
                    leadContact: Contact(name: "Lead", email: "lead@notice.example"),
                    dataProtectionContact: Contact(name: "Caldicott Guardian", email: "dpo@notice.example")),
                by: Self.console)
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "SILENT", name: "No Contact Practice", kind: "dental"), by: Self.console)
            for code in ["NOTICE", "SILENT"] {
                _ = try await sievert.people.register(NewPerson(surname: "Wearer\(code)"), in: code, by: Self.console)
            }
            let incident = try await Self.declare(sievert)
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.incidents.notifyControllers(incident.id, by: Self.console)
            }
            _ = try await sievert.incidents.scope(incident.id, by: .rootKey(version: 1), caller: Self.console)
            // The organisation with no contact address cannot be written to; the other gets one sealed notice.
            #expect(try await sievert.incidents.notifyControllers(incident.id, by: Self.console) == 1)
            let outbox = try await sievert.store.pendingMail(limit: 10, scope: .service(actor: "test"))
            #expect(outbox.count == 1)
            let sealed = String(decoding: try #require(outbox.first).sealedMessage, as: UTF8.self)
            #expect(!sealed.contains("dpo@notice.example") && !sealed.contains("NOTICE"))
            let log = try await sievert.incidents.get(incident.id, by: Self.console).decisions
            #expect(log.last?.kind == .noticesSent && log.last?.text.contains("NOTICE") == true)
        }
    }

    static func declareAs(_ sievert: Sievert, _ caller: Caller) async throws -> Incident {
        try await sievert.incidents.declare(
            NewIncident(summary: "x", source: .processor, occurredAt: Date(), awareAt: Date(), contactPoint: "x"),
            by: caller)
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

import DoseCore
import Foundation
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("IRR17 dose alerts: raised once per finding, worked through, and noticed to the lead")
struct DoseAlertTests {
    static let console = Caller.console(requestID: "alert-test")

    static func organisation(_ sievert: Sievert, code: String = "ALRT", email: String? = "rps.lead@example.org")
        async throws
    {
        _ = try await sievert.organisations.register(
            NewOrganisation(
                code: code, name: "Alert Trust", kind: "nhs-trust",
                leadContact: Contact(name: "Lead", role: "RPS", email: email)), by: console)
    }

    static func wearer(_ sievert: Sievert, _ surname: String, designation: String, code: String = "ALRT")
        async throws -> PersonID
    {
        var input = NewPerson(surname: surname)
        input.dateOfBirth = "1980-05-05"
        input.startDate = "2020-01-01"
        input.designation = designation
        return try await sievert.people.register(input, in: code, by: console).id
    }

    static func estimate(
        _ sievert: Sievert, _ person: PersonID, _ month: Int, _ mSv: String, quantity: String = "effective"
    )
        async throws
    {
        let end = ["", "31", "28", "31", "30", "31", "30", "31", "31", "30", "31", "30", "31"][month]
        let text = month < 10 ? "0\(month)" : "\(month)"
        _ = try await sievert.doses.record(
            NewDoseEntry(
                periodBegin: "2026-\(text)-01", periodEnd: "2026-\(text)-\(end)", quantity: quantity, kind: "estimated",
                mSv: mSv), for: person, by: console)
    }

    /// Classified people named Locum, one registered at each organisation code with its NINO, in order.
    static func locums(_ sievert: Sievert, _ records: [(code: String, nino: String)]) async throws -> [PersonID] {
        var ids: [PersonID] = []
        for (code, nino) in records {
            var input = NewPerson(surname: "Locum")
            input.dateOfBirth = "1975-10-10"
            input.startDate = "2020-01-01"
            input.designation = "classified"
            input.nino = nino
            ids.append(try await sievert.people.register(input, in: code, by: console).id)
        }
        return ids
    }

    @Test(
        "an investigation level, then the annual limit: each raised once, with a sealed notice for the lead",
        arguments: StoreKind.available)
    func raisedOnce(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            try await Self.organisation(sievert)
            let person = try await Self.wearer(sievert, "Overdose", designation: "classified")
            try await Self.estimate(sievert, person, 1, "5.0")
            #expect(try await sievert.alerts.list(organisation: "ALRT", by: Self.console).isEmpty)
            try await Self.estimate(sievert, person, 2, "2.0")
            var alerts = try await sievert.alerts.list(organisation: "ALRT", by: Self.console)
            #expect(alerts.map(\.kind) == [.overInvestigationLevel])
            #expect(alerts.first?.mSv == "7.00" && alerts.first?.thresholdMSv == "6.00")
            #expect(alerts.first?.state == .raised && alerts.first?.steps.first?.actor == "sievert:limit-check")
            // More dose: the same finding is not raised again; passing 20 mSv raises the limit's alert.
            try await Self.estimate(sievert, person, 3, "1.0")
            try await Self.estimate(sievert, person, 4, "13.0")
            alerts = try await sievert.alerts.list(organisation: "ALRT", by: Self.console)
            #expect(alerts.map(\.kind) == [.overInvestigationLevel, .overLimit])
            #expect(alerts.last?.mSv == "21.00")
            // A recheck of the year finds nothing new.
            #expect(try await sievert.alerts.recheck(organisation: "ALRT", year: 2026, by: Self.console).isEmpty)

            let outbox = try await sievert.store.pendingMail(limit: 10, scope: .service(actor: "test"))
            #expect(outbox.count == 2)
            for row in outbox {
                let bytes = String(decoding: row.sealedMessage, as: UTF8.self)
                #expect(!bytes.contains("rps.lead") && !bytes.contains("Overdose") && !bytes.contains("ALRT"))
            }
            let events = try await sievert.store.auditEvents(actionPrefix: "alert.", limit: 100)
            #expect(events.filter { $0.action == "alert.raise" }.count == 2)
            #expect(events.filter { $0.action == "alert.raise" }.allSatisfy { $0.actor == "sievert:limit-check" })
        }
    }

    @Test(
        "a non-classified adult past 3/10 of the limit is prompted for classification; a group's own level applies",
        arguments: StoreKind.available)
    func classificationAndGroups(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            try await Self.organisation(sievert, email: nil)
            _ = try await sievert.alerts.setInvestigationLevels(
                InvestigationLevelsInput(
                    organisation: .init(effective: "10", lens: "15"), groups: ["Cath Lab": .init(effective: "2")]),
                organisation: "ALRT", by: Self.console)
            var cardiologist = NewPerson(surname: "Grouped")
            cardiologist.dateOfBirth = "1970-01-01"
            cardiologist.startDate = "2020-01-01"
            cardiologist.designation = "classified"
            cardiologist.department = "Cath Lab"
            let grouped = try await sievert.people.register(cardiologist, in: "ALRT", by: Self.console).id
            try await Self.estimate(sievert, grouped, 2, "2.5")
            let groupAlerts = try await sievert.alerts.list(organisation: "ALRT", by: Self.console)
            #expect(groupAlerts.map(\.kind) == [.overInvestigationLevel])
            #expect(groupAlerts.first?.thresholdMSv == "2.00" && groupAlerts.first?.person == grouped)
            let person = try await Self.wearer(sievert, "Unclassified", designation: "non-classified")
            try await Self.estimate(sievert, person, 3, "6.5")
            let alerts = try await sievert.alerts.list(organisation: "ALRT", by: Self.console).filter {
                $0.person == person
            }
            #expect(alerts.map(\.kind) == [.classificationPrompt])
            #expect(alerts.first?.thresholdMSv == "6.00")
            // No lead address: no notice is written, and the alert stands.
            #expect(try await sievert.store.pendingMail(limit: 10, scope: .service(actor: "test")).isEmpty)
            let levels = try await sievert.alerts.investigationLevels(organisation: "ALRT", by: Self.console)
            #expect(levels.organisation.effective == "10.00" && levels.organisation.extremity == nil)
            for (input, field) in [
                (InvestigationLevelsInput(organisation: .init(effective: "-1")), "organisation.effective"),
                (InvestigationLevelsInput(organisation: .init(lens: "0")), "organisation.lens"),
                (InvestigationLevelsInput(organisation: .init(), groups: ["X": .init(skin: "lots")]), "groups.X.skin"),
                (InvestigationLevelsInput(organisation: .init(), groups: ["": .init()]), "groups"),
            ] {
                let error = await #expect(throws: ServiceError.self) {
                    try await sievert.alerts.setInvestigationLevels(input, organisation: "ALRT", by: Self.console)
                }
                #expect(error?.validationErrors.map(\.field) == [field])
            }
        }
    }

    @Test("the workflow goes one step at a time, closing needs a note, and another organisation's lead sees nothing")
    func workflow() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            try await Self.organisation(sievert)
            try await Self.organisation(sievert, code: "OTHR")
            let person = try await Self.wearer(sievert, "Flowing", designation: "classified")
            try await Self.estimate(sievert, person, 1, "40", quantity: "lens")
            let alert = try #require(
                try await sievert.alerts.list(organisation: "ALRT", by: Self.console).first {
                    $0.kind == .overInvestigationLevel
                })
            #expect(alert.kind == .overInvestigationLevel && alert.quantity == .lens)
            let other = try await sievert.tokens.issue(
                role: .orgLead, organisationCode: "OTHR", validFor: 1, by: Self.console)
            let otherLead = Caller(
                actor: "token:\(other.id)", role: .orgLead,
                organisations: .only([
                    try #require(
                        try await sievert.store.organisation(code: "OTHR", scope: .service(actor: "t"))?.id)
                ]),
                requestID: "other")
            #expect(try await sievert.alerts.list(organisation: nil, by: otherLead).isEmpty)
            await #expect(throws: ServiceError.self) {
                try await sievert.alerts.move(alert.id, AlertStep(state: "acknowledged"), by: otherLead)
            }
            for (state, code) in [("closed", "conflict"), ("raised", "invalid"), ("eaten", "invalid")] {
                let error = await #expect(throws: ServiceError.self) {
                    try await sievert.alerts.move(alert.id, AlertStep(state: state, note: "x"), by: Self.console)
                }
                #expect(error?.code == code, "\(state)")
            }
            _ = try await sievert.alerts.move(alert.id, AlertStep(state: "acknowledged"), by: Self.console)
            _ = try await sievert.alerts.move(
                alert.id, AlertStep(state: "investigating", note: "dosemeter worn outside the lead apron?"),
                by: Self.console)
            let noNote = await #expect(throws: ServiceError.self) {
                try await sievert.alerts.move(alert.id, AlertStep(state: "closed", note: "  "), by: Self.console)
            }
            #expect(noNote?.validationErrors.map(\.field) == ["note"])
            let closed = try await sievert.alerts.move(
                alert.id, AlertStep(state: "closed", note: "confirmed; eye protection issued"), by: Self.console)
            #expect(closed.steps.map(\.state) == [.raised, .acknowledged, .investigating, .closed])
            #expect(closed.steps.last?.note == "confirmed; eye protection issued")
            #expect(try await sievert.alerts.list(organisation: "ALRT", state: "closed", by: Self.console).count == 1)
            // 40 mSv to the lens also passed its 20 mSv limit: that alert is still waiting.
            let waiting = try await sievert.alerts.list(organisation: "ALRT", state: "raised", by: Self.console)
            #expect(waiting.map(\.kind) == [.overLimit])
        }
    }

    /// The lab of organisation ALRT, with a token of its own.
    static func lab(_ sievert: Sievert) async throws -> Caller {
        let lab = try await sievert.tokens.issue(role: .lab, organisationCode: "ALRT", validFor: 1, by: Self.console)
        return Caller(
            actor: "token:\(lab.id)", role: .lab,
            organisations: .only([
                try #require(try await sievert.store.organisation(code: "ALRT", scope: .service(actor: "t"))?.id)
            ]),
            requestID: "lab-import")
    }

    @Test("a lab import that passes a level raises the alert as the service's own limit check, once")
    func afterImport() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            try await Self.organisation(sievert)
            let person = try await Self.wearer(sievert, "Imported", designation: "classified")
            let code = try #require(try await sievert.participants.codes(for: person, by: Self.console).values.first)
            let labCaller = try await Self.lab(sievert)
            let file = """
                serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version
                C-1,,control,none,2026-03-01,2026-03-31,0.10,0.10,,,1
                B-1,\(code),whole-body,chest,2026-03-01,2026-03-31,6.60,6.60,,,1
                """
            let report = try await sievert.readingsImport.run(Array(file.utf8), organisationCode: "ALRT", by: labCaller)
            #expect(report.committed && report.alertsRaised == 1, "\(report.problems)")
            let alerts = try await sievert.alerts.list(organisation: "ALRT", by: Self.console)
            #expect(alerts.map(\.kind) == [.overInvestigationLevel])
            #expect(alerts.first?.mSv == "6.50")
            let again = try await sievert.readingsImport.run(Array(file.utf8), organisationCode: "ALRT", by: labCaller)
            #expect(again.alertsRaised == 0)
            let raisedBy = try await sievert.store.auditEvents(actionPrefix: "alert.raise", limit: 10).map(\.actor)
            #expect(raisedBy == ["sievert:limit-check"])
        }
    }

    @Test(
        "a lab import's doses count with those stored before it and with each other: together they pass the level",
        arguments: StoreKind.available)
    func importAddsToStored(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            // setup: 4 mSv stored for February; the file brings March and April, 1.2 mSv net each.
            let sievert = test.sievert
            try await Self.organisation(sievert)
            let person = try await Self.wearer(sievert, "Cumulative", designation: "classified")
            try await Self.estimate(sievert, person, 2, "4.0")
            let codes = try await sievert.participants.codes(for: person, by: Self.console)
            let code = try #require(codes.values.first)
            let labCaller = try await Self.lab(sievert)
            let file = """
                serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version
                C-3,,control,none,2026-03-01,2026-03-31,0.10,0.10,,,1
                C-4,,control,none,2026-04-01,2026-04-30,0.10,0.10,,,1
                B-3,\(code),whole-body,chest,2026-03-01,2026-03-31,1.30,1.30,,,1
                B-4,\(code),whole-body,chest,2026-04-01,2026-04-30,1.30,1.30,,,1
                """

            // MUT
            let report = try await sievert.readingsImport.run(Array(file.utf8), organisationCode: "ALRT", by: labCaller)

            // validate: 4.0 + 1.2 + 1.2 = 6.4 mSv passes the level of 6; neither part alone would.
            #expect(report.committed && report.doseEntries == 4, "\(report.problems)")
            #expect(report.alertsRaised == 1)
            let alerts = try await sievert.alerts.list(organisation: "ALRT", by: Self.console)
            #expect(alerts.map(\.kind) == [.overInvestigationLevel])
            #expect(alerts.first?.person == person && alerts.first?.mSv == "6.40")
        }
    }

    @Test(
        "doses at two employers count together: passing 20 mSv between them tells both, and the other reads are audited",
        arguments: StoreKind.available)
    func acrossEmployers(kind: StoreKind) async throws {
        try await withTestRuntime(kind) { test in
            let sievert = test.sievert
            try await Self.organisation(sievert)
            try await Self.organisation(sievert, code: "LOCM")
            let ids = try await Self.locums(
                sievert, [("ALRT", "AB123456C"), ("LOCM", "ab 12 34 56 c"), ("LOCM", "AB654321C")])
            _ = try await sievert.alerts.setInvestigationLevels(
                InvestigationLevelsInput(organisation: .init(effective: "15")), organisation: "ALRT", by: Self.console)
            _ = try await sievert.alerts.setInvestigationLevels(
                InvestigationLevelsInput(organisation: .init(effective: "15")), organisation: "LOCM", by: Self.console)
            try await Self.estimate(sievert, ids[0], 2, "12.0")
            try await Self.estimate(sievert, ids[2], 2, "12.0")
            #expect(try await sievert.alerts.list(organisation: nil, by: Self.console).isEmpty)
            try await Self.estimate(sievert, ids[1], 3, "9.0")
            let alerts = try await sievert.alerts.list(organisation: nil, by: Self.console)
            let overLimit = alerts.filter { $0.kind == .overLimit }
            #expect(Set(overLimit.map(\.person)) == [ids[0], ids[1]])
            #expect(overLimit.allSatisfy { $0.mSv == "21.00" })
            // Each organisation's own investigation level is passed across the two records too.
            #expect(Set(alerts.filter { $0.kind == .overInvestigationLevel }.map(\.organisation)) == ["ALRT", "LOCM"])
            // Someone else with a different NINO is untouched.
            #expect(!alerts.contains { $0.person == ids[2] })
            let reads = try await sievert.store.auditEvents(actionPrefix: "dose.read", limit: 100).filter {
                $0.purpose == "limit-check"
            }
            #expect(Set(reads.compactMap(\.subjectID)) == [ids[0].description, ids[1].description])
        }
    }
}

import DoseCore
import Foundation
import Interchange
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Dosemeters, wear periods, issue lists and returns")
struct DosemeterServiceTests {
    static let console = Caller.console(requestID: "dosemeter-test")
    /// 2026-02-20: issue lists for March go out about a week before the period.
    static let start = Date(timeIntervalSince1970: 1_771_545_600)

    /// Three wearers at EX001: two monthly chest badges, one quarterly ring; whole-body and extremity stock.
    static func organisation(_ sievert: Sievert) async throws -> (ids: [PersonID], assignments: [AssignmentView]) {
        _ = try await sievert.organisations.register(
            NewOrganisation(code: "EX001", name: "Example Trust", kind: "nhs-trust"), by: console)
        var ids: [PersonID] = []
        for (surname, born) in [("Example", "1980-02-29"), ("Sample", "1975-11-30"), ("Specimen", "1990-06-15")] {
            var input = NewPerson(surname: surname)
            input.dateOfBirth = born
            input.designation = "classified"
            input.startDate = "2020-01-01"
            ids.append(try await sievert.people.register(input, in: "EX001", by: console).id)
        }
        _ = try await sievert.dosemeters.receive(
            NewDosemeters(kind: "whole-body", technology: "osl", serials: (1...6).map { "wb-\($0)" }),
            organisation: "EX001", by: console)
        _ = try await sievert.dosemeters.receive(
            NewDosemeters(kind: "extremity", technology: "TLD", serials: ["R-1", "R-2"]), organisation: "EX001",
            by: console)
        let assignments = try await sievert.dosemeters.assign(
            [
                NewAssignment(
                    person: ids[0].description, position: "chest", frequency: "monthly", starts: "2026-01-01"),
                NewAssignment(
                    person: ids[1].description, position: "chest", frequency: "monthly", starts: "2026-01-01"),
                NewAssignment(
                    person: ids[2].description, position: "right-finger", frequency: "quarterly", starts: "2026-01-01"),
            ], by: console)
        return (ids, assignments)
    }

    @Test("the inventory refuses bad, duplicate and control serials whole, and upper-cases the rest")
    func inventory() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            _ = try await Self.organisation(sievert)
            let stock = try await sievert.dosemeters.inventory(organisation: "EX001", by: Self.console)
            #expect(stock.map(\.serial) == ["R-1", "R-2", "WB-1", "WB-2", "WB-3", "WB-4", "WB-5", "WB-6"])
            #expect(stock.allSatisfy { $0.state == .inStock })
            #expect(Set(stock.map(\.technology)) == ["OSL", "TLD"])
            for (input, field) in [
                (
                    NewDosemeters(kind: "whole-body", technology: "OSL", serials: ["WB-7", "=cmd|' /C calc'!A0"]),
                    "serials[1]"
                ),
                (NewDosemeters(kind: "whole-body", technology: "OSL", serials: ["WB-7", "wb-7"]), "serials[1]"),
                (NewDosemeters(kind: "whole-body", technology: "OSL", serials: ["WB-7", "wb-1"]), "serials[1]"),
                (NewDosemeters(kind: "control", technology: "OSL", serials: ["C-1"]), "kind"),
                (NewDosemeters(kind: "whole-body", technology: "O S L", serials: ["C-1"]), "technology"),
                (NewDosemeters(kind: "whole-body", technology: "OSL", serials: []), "serials"),
                (
                    NewDosemeters(kind: "whole-body", technology: "OSL", serials: [String(repeating: "9", count: 33)]),
                    "serials[0]"
                ),
            ] {
                let error = await #expect(throws: ServiceError.self) {
                    try await sievert.dosemeters.receive(input, organisation: "EX001", by: Self.console)
                }
                #expect(error?.validationErrors.map(\.field).contains(field) == true, "\(input)")
            }
            #expect(try await sievert.dosemeters.inventory(organisation: "EX001", by: Self.console).count == 8)
        }
    }

    @Test("assignments make participant codes and refuse a second open assignment at the same position")
    func assignments() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            let (ids, assignments) = try await Self.organisation(sievert)
            #expect(assignments.count == 3)
            #expect(assignments.allSatisfy { ($0.participantCode?.count ?? 0) == 8 })
            #expect(Set(assignments.compactMap(\.participantCode)).count == 3)
            #expect(assignments[2].kind == .extremity && assignments[2].frequency == .quarterly)
            let error = await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.assign(
                    NewAssignment(person: ids[0].description, position: "chest", frequency: "quarterly"),
                    by: Self.console)
            }
            #expect(error?.validationErrors.map(\.field) == ["position"])
            let batch = await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.assign(
                    [
                        NewAssignment(person: ids[0].description, position: "left-finger", frequency: "monthly"),
                        NewAssignment(person: "not-an-id", position: "nose", frequency: "weekly", starts: "2026-02-30"),
                    ], by: Self.console)
            }
            #expect(
                Set(batch?.validationErrors.map(\.field) ?? [])
                    == ["assignments[1].person"])
            // Nothing of the refused batch was written: the good first line is not there either.
            let stored = try await sievert.dosemeters.assignments(organisation: "EX001", by: Self.console)
            #expect(stored.count == 3)
            // Ending one, then assigning the position again, is allowed.
            _ = try await sievert.dosemeters.endAssignment(
                assignments[0].id, on: "2026-03-31", organisation: "EX001", by: Self.console)
            let again = try await sievert.dosemeters.assign(
                NewAssignment(
                    person: ids[0].description, position: "chest", frequency: "quarterly", starts: "2026-04-01"),
                by: Self.console)
            #expect(again.participantCode == assignments[0].participantCode)
        }
    }

    @Test(
        "an issue list has one dosemeter per due assignment and one control per kind and period, and issuing again adds only what is new"
    )
    func issueList() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            let (ids, assignments) = try await Self.organisation(sievert)
            // April: everyone (the quarterly ring's cycle starts in April too).
            let april = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-04", by: Self.console)
            #expect(april.issuedNow == 5 && april.dosemeters.count == 5)
            let worn = april.dosemeters.filter { $0.position != .none }
            #expect(Set(worn.compactMap(\.participantCode)) == Set(assignments.compactMap(\.participantCode)))
            let controls = april.dosemeters.filter { $0.position == .none }
            #expect(controls.count == 2)
            #expect(controls.allSatisfy { $0.participantCode == nil && $0.person == nil })
            #expect(Set(controls.map(\.periodEnd.iso)) == ["2026-04-30", "2026-06-30"])
            let ring = try #require(worn.first { $0.kind == .extremity })
            #expect(ring.periodBegin.iso == "2026-04-01" && ring.periodEnd.iso == "2026-06-30")

            // May: the monthly badges only, and their control.
            let may = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-05", by: Self.console)
            #expect(may.dosemeters.count == 3 && may.dosemeters.allSatisfy { $0.kind != .extremity })

            // Again for April: nothing new.
            let repeated = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-04", by: Self.console)
            #expect(repeated.issuedNow == 0 && Set(repeated.dosemeters) == Set(april.dosemeters))

            // A new wearer joins in April: one more badge, under April's existing control.
            var input = NewPerson(surname: "Placeholder")
            input.dateOfBirth = "1968-03-03"
            input.startDate = "2026-04-01"
            let late = try await sievert.people.register(input, in: "EX001", by: Self.console)
            _ = try await sievert.dosemeters.receive(
                NewDosemeters(kind: "whole-body", technology: "OSL", serials: ["WB-7"]), organisation: "EX001",
                by: Self.console)
            _ = try await sievert.dosemeters.assign(
                NewAssignment(
                    person: late.id.description, position: "collar", frequency: "monthly", starts: "2026-04-10"),
                by: Self.console)
            let added = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-04", by: Self.console)
            #expect(added.issuedNow == 1 && added.dosemeters.count == 6)
            #expect(added.dosemeters.filter { $0.position == .none }.count == 2)

            // The lab's file: the issue list columns, codes and serials, and nothing that identifies anyone.
            let file = String(decoding: try DosemeterService.labFile(added), as: UTF8.self)
            #expect(file.hasPrefix("serial,participant_code,kind,position,period_begin,period_end\r\n"))
            #expect(file.split(separator: "\r\n").count == 7)
            for word in ["Example", "Sample", "Specimen", "Placeholder", "1980-02-29", "1968-03-03"] {
                #expect(!file.contains(word))
            }
            for person in ids { #expect(!file.contains(person.description)) }
        }
    }

    @Test("with too little stock nothing is issued and the shortfall is named")
    func shortfall() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            _ = try await Self.organisation(sievert)
            _ = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-04", by: Self.console)
            // 6 whole-body: April took 3 (2 badges + control); May needs 3 more; June needs 3 but only 0 are left.
            _ = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-05", by: Self.console)
            let error = await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-06", by: Self.console)
            }
            #expect(error?.code == "conflict")
            #expect("\(error.map { "\($0)" } ?? "")".contains("3 more whole-body"))
            let june = try #require(DosePeriod.month(year: 2026, month: 6)).begin
            let issued = try await sievert.store.dosemeterIssues(
                of: try #require(try await sievert.store.organisation(code: "EX001", scope: .service(actor: "t"))).id,
                periodBegin: june, scope: .service(actor: "t"))
            #expect(issued.isEmpty)
            #expect(
                try await sievert.store.participants(
                    of: try #require(try await sievert.store.organisation(code: "EX001", scope: .service(actor: "t")))
                        .id,
                    scope: .service(actor: "t")
                ).count == 3)
        }
    }

    @Test(
        "returns: a returned badge goes back to stock, a lost one gets reg 23 notional doses, and the unreturned list ages the rest"
    )
    func returns() async throws {
        let clock = TestClock(Self.start)
        try await withTestRuntime(clock: clock.closure) { test in
            let sievert = test.sievert
            let (ids, _) = try await Self.organisation(sievert)
            let march = try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-03", by: Self.console)
            // Two monthly badges and their control; no ring (its quarter began in January).
            #expect(march.dosemeters.count == 3)
            let badges = march.dosemeters.filter { $0.position != .none }
            let first = try #require(badges.first { $0.person == ids[0] })
            let second = try #require(badges.first { $0.person == ids[1] })
            let control = try #require(march.dosemeters.first { $0.position == .none })

            let returned = try await sievert.dosemeters.recordReturn(
                NewReturn(serial: first.serial, month: "2026-03", status: "returned", on: "2026-04-08"),
                organisation: "EX001", by: Self.console)
            #expect(returned.returnStatus == .returned && !returned.late)
            let lost = try await sievert.dosemeters.recordReturn(
                NewReturn(serial: second.serial.lowercased(), month: "2026-03", status: "lost", on: "2026-05-20"),
                organisation: "EX001", by: Self.console)
            #expect(lost.returnStatus == .lost && lost.late)
            // The same again changes nothing; anything else after "lost" is refused.
            _ = try await sievert.dosemeters.recordReturn(
                NewReturn(serial: second.serial, month: "2026-03", status: "lost", on: "2026-05-20"),
                organisation: "EX001", by: Self.console)
            await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.recordReturn(
                    NewReturn(serial: second.serial, month: "2026-03", status: "returned"), organisation: "EX001",
                    by: Self.console)
            }
            let history = try await sievert.doses.history(
                of: ids[1], asOf: try CalendarDate(iso: "2026-03-31"), by: Self.console)
            // An adult employee's month: 20/12 mSv effective (1667 µSv); the other quantities by their own limits.
            #expect(history.entries.filter { $0.kind == .notional }.count == 3)
            #expect(history.entries.first { $0.quantity == .effective }?.mSv == "1.667")
            let stock = try await sievert.dosemeters.inventory(organisation: "EX001", by: Self.console)
            #expect(stock.first { $0.serial == first.serial }?.state == .inStock)
            #expect(stock.first { $0.serial == second.serial }?.state == .lost)

            // Unreturned on 2026-05-15: the control only, 45 days after the period ended, overdue after 30.
            let out = try await sievert.dosemeters.unreturned(
                organisation: "EX001", asOf: "2026-05-15", by: Self.console)
            #expect(out.map(\.serial) == [control.serial])
            #expect(out.first?.ageDays == 45 && out.first?.overdue == true)
            // A lab reading of the control counts as its return.
            let file =
                "serial,participant_code,kind,position,period_begin,period_end,hp10,hp007,hp3,note,version\r\n"
                + "\(control.serial),,control,none,2026-03-01,2026-03-31,0.05,0.05,,,1\r\n"
            let report = try await sievert.readingsImport.run(
                Array(file.utf8), organisationCode: "EX001", dateFormat: .iso, by: Self.console)
            #expect(report.committed, "\(report.problems)")
            #expect(
                try await sievert.dosemeters.unreturned(organisation: "EX001", asOf: "2026-05-15", by: Self.console)
                    .isEmpty)
        }
    }

    @Test("another organisation's lead and wearers can neither see nor change any of it")
    func tenancy() async throws {
        try await withTestRuntime { test in
            let sievert = test.sievert
            let (ids, _) = try await Self.organisation(sievert)
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "EX002", name: "Other Trust", kind: "nhs-trust"), by: Self.console)
            let other = try #require(try await sievert.store.organisation(code: "EX002", scope: .service(actor: "t")))
            let lead = Caller(actor: "lead-b", role: .orgLead, organisations: .only([other.id]), requestID: "r")
            await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.issue(organisation: "EX001", month: "2026-04", by: lead)
            }
            await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.inventory(organisation: "EX001", by: lead)
            }
            await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.assign(
                    NewAssignment(person: ids[0].description, position: "waist", frequency: "monthly"), by: lead)
            }
            let wearer = Caller(
                actor: "wearer", role: .wearer, organisations: .all, requestID: "r", person: ids[0])
            await #expect(throws: ServiceError.self) {
                try await sievert.dosemeters.unreturned(organisation: "EX001", by: wearer)
            }
        }
    }
}

import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// The dosemeter inventory, assignments, issues and settings behave the same on both stores, tenants apart.
@Suite("Dosemeter store contract")
struct DosemeterStoreContractTests {
    static func dosemeter(_ serial: String, in organisation: OrganisationID, kind: DosemeterKind = .wholeBody)
        -> DosemeterRow
    {
        DosemeterRow(
            id: DosemeterID(UUID()), organisationID: organisation, serial: serial, kind: kind.rawValue,
            technology: "OSL", state: DosemeterState.inStock.rawValue, createdAt: RowFixtures.epoch,
            updatedAt: RowFixtures.epoch)
    }

    static func assignment(of employment: EmploymentRow) throws -> AssignmentRow {
        AssignmentRow(
            id: AssignmentID(UUID()), organisationID: employment.organisationID, employmentID: employment.id,
            personID: employment.personID, position: BodyPosition.chest.rawValue,
            frequency: WearFrequency.monthly.rawValue, starts: try CalendarDate(iso: "2026-01-01"),
            ends: nil, createdAt: RowFixtures.epoch, updatedAt: RowFixtures.epoch)
    }

    static func issue(of dosemeter: DosemeterRow, to assignment: AssignmentRow?, code: String?) throws
        -> DosemeterIssueRow
    {
        let month = try DosePeriod(begin: try CalendarDate(iso: "2026-03-01"), end: try CalendarDate(iso: "2026-03-31"))
        return DosemeterIssueRow(
            id: DosemeterIssueID(UUID()), organisationID: dosemeter.organisationID, dosemeterID: dosemeter.id,
            serial: dosemeter.serial, position: assignment?.position ?? BodyPosition.none.rawValue,
            assignmentID: assignment?.id, employmentID: assignment?.employmentID, personID: assignment?.personID,
            participantCode: code, periodBegin: month.begin, periodEnd: month.end, batch: "B-2026-03-1",
            issuedAt: RowFixtures.epoch, returnStatus: nil, returnedOn: nil, updatedAt: RowFixtures.epoch)
    }

    @Test(
        "inventory, assignments, issues, returns and settings round-trip and stay inside their tenant",
        arguments: StoreKind.available)
    func roundTrip(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            // setup
            let (a, b, setup) = RowFixtures.twoTenants()
            try await test.store.apply(setup, scope: .service(actor: "setup"))
            let scopeA = StoreScope.organisation(a.id, actor: "lead-a")
            let scopeB = StoreScope.organisation(b.id, actor: "lead-b")
            let employmentA = try #require(setup.newEmployments.first { $0.organisationID == a.id })
            let employmentB = try #require(setup.newEmployments.first { $0.organisationID == b.id })
            let badge = Self.dosemeter("WB-0001", in: a.id)
            let control = Self.dosemeter("WB-0002", in: a.id)
            let assignment = try Self.assignment(of: employmentA)
            var changes = ChangeSet()
            changes.newDosemeters = [badge, control]
            changes.newAssignments = [assignment]
            changes.newIssues = [
                try Self.issue(of: badge, to: assignment, code: "PC000001"),
                try Self.issue(of: control, to: nil, code: nil),
            ]
            changes.organisationSettings = [
                OrganisationSettingsRow(
                    organisationID: a.id, wearAnchorMonth: 2, minimumReportingLevel: 100, returnDueDays: 30,
                    updatedAt: RowFixtures.epoch)
            ]

            // MUT
            try await test.store.apply(changes, scope: scopeA)

            // validate
            #expect(try await test.store.dosemeters(of: a.id, scope: scopeA) == [badge, control])
            #expect(try await test.store.assignments(of: a.id, scope: scopeA) == [assignment])
            let issues = try await test.store.dosemeterIssues(of: a.id, periodBegin: nil, scope: scopeA)
            #expect(Set(issues) == Set(changes.newIssues))
            let march = try CalendarDate(iso: "2026-03-01")
            let april = try CalendarDate(iso: "2026-04-01")
            #expect(try await test.store.dosemeterIssues(of: a.id, periodBegin: march, scope: scopeA).count == 2)
            #expect(try await test.store.dosemeterIssues(of: a.id, periodBegin: april, scope: scopeA).isEmpty)
            #expect(
                try await test.store.organisationSettings(of: a.id, scope: scopeA) == changes.organisationSettings[0])
            // The other tenant sees none of it.
            #expect(try await test.store.dosemeters(of: a.id, scope: scopeB).isEmpty)
            #expect(try await test.store.assignments(of: a.id, scope: scopeB).isEmpty)
            #expect(try await test.store.dosemeterIssues(of: a.id, periodBegin: nil, scope: scopeB).isEmpty)
            #expect(try await test.store.organisationSettings(of: a.id, scope: scopeB) == nil)

            // Updates: the return, the dosemeter's state, the assignment's end, the settings replaced whole.
            var returned = try #require(issues.first { $0.assignmentID != nil })
            returned.returnStatus = DosemeterReturn.returned.rawValue
            returned.returnedOn = try CalendarDate(iso: "2026-04-09")
            var lost = badge
            lost.state = DosemeterState.lost.rawValue
            var ended = assignment
            ended.ends = try CalendarDate(iso: "2026-06-30")
            var update = ChangeSet()
            update.issueUpdates = [returned]
            update.dosemeterUpdates = [lost]
            update.assignmentUpdates = [ended]
            update.organisationSettings = [
                OrganisationSettingsRow(
                    organisationID: a.id, wearAnchorMonth: 1, minimumReportingLevel: nil, returnDueDays: 45,
                    updatedAt: RowFixtures.epoch)
            ]
            try await test.store.apply(update, scope: scopeA)
            #expect(
                try await test.store.dosemeterIssues(of: a.id, periodBegin: march, scope: scopeA).contains(returned))
            #expect(try await test.store.dosemeters(of: a.id, scope: scopeA).first == lost)
            #expect(try await test.store.assignments(of: a.id, scope: scopeA) == [ended])
            #expect(
                try await test.store.organisationSettings(of: a.id, scope: scopeA) == update.organisationSettings[0])

            // Another tenant's rows cannot be updated, even under its id, and nothing of the set is written.
            var hostile = ChangeSet()
            hostile.dosemeterUpdates = [lost]
            await #expect(throws: StoreError.self) { try await test.store.apply(hostile, scope: scopeB) }
            var disguised = lost
            disguised.organisationID = b.id
            disguised.state = DosemeterState.retired.rawValue
            hostile.dosemeterUpdates = [disguised]
            await #expect(throws: StoreError.self) { try await test.store.apply(hostile, scope: scopeB) }
            #expect(try await test.store.dosemeters(of: a.id, scope: scopeA).first == lost)

            // B cannot assign its wearer through A's dosemeter, nor A's wearer in its own tenant.
            var crossed = ChangeSet()
            crossed.newAssignments = [
                AssignmentRow(
                    id: AssignmentID(UUID()), organisationID: b.id, employmentID: employmentA.id,
                    personID: employmentA.personID, position: "chest", frequency: "monthly", starts: march, ends: nil,
                    createdAt: RowFixtures.epoch, updatedAt: RowFixtures.epoch)
            ]
            await #expect(throws: StoreError.self) { try await test.store.apply(crossed, scope: scopeB) }
            let assignmentB = try Self.assignment(of: employmentB)
            var borrowed = ChangeSet()
            borrowed.newAssignments = [assignmentB]
            var stolenBadge = try Self.issue(of: control, to: assignmentB, code: "PC000002")
            stolenBadge.organisationID = b.id
            stolenBadge.periodBegin = april
            borrowed.newIssues = [stolenBadge]
            await #expect(throws: StoreError.self) { try await test.store.apply(borrowed, scope: scopeB) }
            #expect(try await test.store.assignments(of: b.id, scope: scopeB).isEmpty)

            // One issue per serial and period, and one per assignment and period.
            var twice = ChangeSet()
            twice.newIssues = [try Self.issue(of: control, to: nil, code: nil)]
            await #expect(throws: StoreError.self) { try await test.store.apply(twice, scope: scopeA) }
            var duplicateSerial = ChangeSet()
            duplicateSerial.newDosemeters = [Self.dosemeter("WB-0001", in: a.id)]
            await #expect(throws: StoreError.self) { try await test.store.apply(duplicateSerial, scope: scopeA) }
        }
    }
}

import DoseCore
import Foundation
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

/// A lead updates a wearer's contact details while a colleague records her pregnancy, the service's staff change her
/// designation and she takes a second post: each is read, changed and written back whole. Made at the same moment,
/// none of them may undo another.
@Suite("Changes of one record at the same moment")
struct ConcurrentRecordChangesTests {
    static let console = Caller.console(requestID: "concurrent-test")
    /// 20 November 2026, noon UTC.
    static let now = Date(timeIntervalSince1970: 1_795_176_000)

    @Test(
        "five changes of one person made at once all take effect, each audited once", arguments: StoreKind.available)
    func allTakeEffect(kind: StoreKind) async throws {
        try await withTestRuntime(kind, clock: { Self.now }) { test in
            // setup
            let sievert = test.sievert
            try await DoseAlertTests.organisation(sievert, code: "BUSY")
            let person = try await DoseAlertTests.wearer(sievert, "Busy", designation: "non-classified", code: "BUSY")
            let first = try #require(try await sievert.people.get(person, by: Self.console).employments.first).id
            let eventsBefore = try await sievert.store.auditEvents(after: 0, limit: 10_000).count

            // MUT: five read-modify-write changes of the same record, started together.
            let console = Self.console
            let changes: [@Sendable () async throws -> PersonView] = [
                {
                    try await sievert.people.updateContact(person, ContactPatch(email: "busy@example.org"), by: console)
                },
                { try await sievert.people.updateContact(person, ContactPatch(phone: "029 2000 0000"), by: console) },
                {
                    try await sievert.doses.designate(
                        person,
                        DesignationChange(
                            employment: first.description, designation: "classified",
                            from: "2026-03-01"), by: console)
                },
                {
                    try await sievert.doses.declarePregnancy(
                        person, PregnancyNotice(employment: first.description, declared: "2026-09-01"), by: console)
                },
                {
                    try await sievert.people.addEmployment(
                        person, NewEmployment(department: "Theatres", startDate: "2026-10-01"), by: console)
                },
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for change in changes { group.addTask { _ = try await change() } }
                try await group.waitForAll()
            }

            // validate: the record holds every change.
            let record = try await sievert.people.get(person, by: Self.console)
            #expect(record.email == "busy@example.org")
            #expect(record.phone == "029 2000 0000")
            #expect(record.employments.count == 2)
            let original = try #require(record.employments.first { $0.id == first })
            #expect(original.designations.last?.designation == .classified)
            #expect(original.designations.last?.from.iso == "2026-03-01")
            #expect(original.pregnancies.map(\.declared.iso) == ["2026-09-01"])
            #expect(record.employments.contains { $0.id != first && $0.department == "Theatres" })
            // One event per change: a try that lost the race wrote nothing, its event included.
            let actions = try await sievert.store.auditEvents(after: 0, limit: 10_000).dropFirst(eventsBefore)
                .filter { $0.subjectID == person.description }.map(\.action)
            #expect(actions.filter { $0 == "person.update-contact" }.count == 2)
            for action in ["employment.designate", "employment.pregnancy-declare", "employment.create"] {
                #expect(actions.filter { $0 == action }.count == 1, "\(action)")
            }
        }
    }
}

import DoseCore
import Foundation
import Testing

@Suite("Incident register rules")
struct IncidentTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func incident(aware: TimeInterval = -3_600) throws -> Incident {
        try Incident(
            id: .generate(now: now), summary: "  Laptop stolen from a car.  ", source: .processor,
            occurredAt: now.addingTimeInterval(-86_400), awareAt: now.addingTimeInterval(aware),
            contactPoint: "DPO", declaredBy: "cli:operator", at: now)
    }

    @Test("the report is due 72 hours after awareness; the clock stops once reported")
    func clock() throws {
        let incident = try Self.incident(aware: -3_600)
        // Dates are binary floating point: compare to the millisecond.
        #expect(abs(incident.reportDue.timeIntervalSince(Self.now) - 71 * 3_600) < 0.001)
        #expect(abs((incident.secondsToReport(at: Self.now) ?? 0) - 71 * 3_600) < 0.001)
        #expect(abs((incident.secondsToReport(at: Self.now.addingTimeInterval(72 * 3_600)) ?? 0) + 3_600) < 0.001)
        let reported = try incident.recording(.reported, text: "ICO ref 123", by: "a", at: Self.now)
        #expect(reported.status == .reported && reported.secondsToReport(at: Self.now) == nil)
        #expect(incident.summary == "Laptop stolen from a car.")
    }

    @Test(
        "declaring refuses an empty summary, awareness before the breach, and times in the future",
        arguments: [
            ("", -60.0, -120.0, "summary"),
            ("x", -120.0, -60.0, "awareAt"),
            ("x", 60.0, -60.0, "awareAt"),
            ("x", -60.0, 3_600.0, "occurredAt"),
        ])
    func declaring(summary: String, aware: Double, occurred: Double, field: String) {
        #expect {
            _ = try Incident(
                id: .generate(now: Self.now), summary: summary, source: .ownSystems,
                occurredAt: Self.now.addingTimeInterval(occurred), awareAt: Self.now.addingTimeInterval(aware),
                contactPoint: "DPO", declaredBy: "a", at: Self.now)
        } throws: { error in
            (error as? ValidationErrors)?.errors.contains { $0.field == field } == true
        }
    }

    @Test(
        "the decision log: reasons required, no second report, no decision not to report once reported, nothing after closing"
    )
    func decisions() throws {
        let open = try Self.incident()
        #expect(throws: ValidationError.self) { _ = try open.recording(.notReported, text: " ", by: "a", at: Self.now) }
        let notReported = try open.recording(.notReported, text: "Ciphertext only.", by: "a", at: Self.now)
        #expect(notReported.status == .open && notReported.decidedNotToReport)
        let reported = try notReported.recording(.reported, text: "Reported after all.", by: "a", at: Self.now)
        #expect(throws: ValidationError.self) {
            _ = try reported.recording(.reported, text: "again", by: "a", at: Self.now)
        }
        #expect(throws: ValidationError.self) {
            _ = try reported.recording(.notReported, text: "changed mind", by: "a", at: Self.now)
        }
        let closed = try reported.recording(.closed, text: "Done.", by: "a", at: Self.now)
        #expect(closed.status == .closed)
        #expect(throws: ValidationError.self) { _ = try closed.recording(.note, text: "late", by: "a", at: Self.now) }
        #expect(closed.decisions.map(\.kind) == [.note, .notReported, .reported, .closed])
    }

    @Test("personal field lists are stored sorted and parsed strictly")
    func fields() throws {
        #expect(PersonalField.text([.dose, .name, .nino]) == "name,nino,dose")
        #expect(try PersonalField.set(parsing: "dose,name") == [.dose, .name])
        #expect(try PersonalField.set(parsing: "") == [])
        #expect(throws: ValidationError.self) { _ = try PersonalField.set(parsing: "name,shoe_size") }
    }
}

import DoseCore
import Foundation
import Testing

@Suite("Alert workflow")
struct AlertTests {
    typealias F = DoseFixtures

    static let finding = LimitFinding(
        kind: .overInvestigationLevel, quantity: .effective, amount: F.mSv(6_500), threshold: F.mSv(6_000),
        period: F.period("2024-01-01", "2024-12-31"), employmentID: F.hospitalA)

    static func raised() throws -> Alert {
        try Alert(id: F.id(99), personID: F.person, finding: finding, raisedBy: "limit-check", at: F.time(0))
    }

    static let allowed: Set<[AlertState]> = [
        [.raised, .acknowledged], [.acknowledged, .investigating], [.investigating, .closed],
    ]

    @Test(
        "only raised → acknowledged → investigating → closed is allowed, for every pair of states",
        arguments: AlertState.allCases.flatMap { from in AlertState.allCases.map { (from, $0) } })
    func pairs(from: AlertState, to: AlertState) throws {
        let expected = Self.allowed.contains([from, to])
        #expect(from.canMove(to: to) == expected)
        // Walk a real alert to `from`, then try the move.
        var alert = try Self.raised()
        let path: [AlertState] = [.acknowledged, .investigating, .closed]
        for (step, state) in path.prefix(AlertState.allCases.firstIndex(of: from) ?? 0).enumerated() {
            alert = try alert.moved(to: state, by: "lead", at: F.time(step + 1), note: "step")
        }
        #expect(alert.state == from)
        if expected {
            let moved = try alert.moved(to: to, by: "lead", at: F.time(10), note: "done")
            #expect(moved.state == to)
            #expect(moved.events.count == alert.events.count + 1)
        } else {
            #expect(throws: ValidationError.self) { try alert.moved(to: to, by: "lead", at: F.time(10), note: "x") }
        }
    }

    @Test("each step records who, when and the note")
    func history() throws {
        let closed = try Self.raised()
            .moved(to: .acknowledged, by: " rps@example.org ", at: F.time(60), note: "  seen  ")
            .moved(to: .investigating, by: "rps@example.org", at: F.time(120))
            .moved(to: .closed, by: "rpa@example.org", at: F.time(120), note: "Lead apron not worn; retrained.")
        #expect(
            closed.events == [
                AlertEvent(state: .raised, actor: "limit-check", at: F.time(0)),
                AlertEvent(state: .acknowledged, actor: "rps@example.org", at: F.time(60), note: "seen"),
                AlertEvent(state: .investigating, actor: "rps@example.org", at: F.time(120)),
                AlertEvent(
                    state: .closed, actor: "rpa@example.org", at: F.time(120), note: "Lead apron not worn; retrained."),
            ])
        #expect(closed.finding == Self.finding)
    }

    @Test("closing without an outcome, acting anonymously or going back in time is refused")
    func refusals() throws {
        let investigating = try Self.raised()
            .moved(to: .acknowledged, by: "lead", at: F.time(10))
            .moved(to: .investigating, by: "lead", at: F.time(20))
        #expect(throws: ValidationError.self) { try investigating.moved(to: .closed, by: "lead", at: F.time(30)) }
        #expect(throws: ValidationError.self) {
            try investigating.moved(to: .closed, by: "lead", at: F.time(30), note: "  \n ")
        }
        #expect(throws: ValidationError.self) {
            try investigating.moved(to: .closed, by: "  ", at: F.time(30), note: "outcome")
        }
        #expect(throws: ValidationError.self) {
            try investigating.moved(to: .closed, by: "lead", at: F.time(19), note: "outcome")
        }
        #expect(throws: ValidationError.self) {
            try Alert(id: F.id(1), personID: F.person, finding: Self.finding, raisedBy: "", at: F.time(0))
        }
    }

    @Test("an alert round-trips through JSON, and a history with an invalid step does not decode")
    func codable() throws {
        let alert = try Self.raised().moved(to: .acknowledged, by: "lead", at: F.time(10), note: "seen")
        let data = try JSONEncoder().encode(alert)
        #expect(try JSONDecoder().decode(Alert.self, from: data) == alert)
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"acknowledged\"", with: "\"closed\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Alert.self, from: Data(text.utf8)) }
    }
}

import DoseCore
import Foundation
import Ledger
import Linkage
import SievertStorage

/// Audit events shaped like the ones the services build (`AuditTrail.event`): an API token as the actor, a
/// role, an action and purpose code, one person as the subject, the organisation (absent for one event in
/// ten, as for service-wide actions), a request id and an outcome; whole-millisecond times one apart.
/// The same seed gives the same events, so every benchmark of the suite hashes the same leaves.
enum SyntheticAuditEvents {
    /// The first event's time: 2026-11-23 00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_795_392_000)

    /// `count` events in log order, not yet stored (sequence 0).
    static func rows(count: Int, seed: UInt64 = 2026) -> [AuditEventRow] {
        var random = SplitMix64(seed: seed)
        let organisations = (0..<20).map { _ in OrganisationID.generate(now: start, using: &random) }
        let actors = (0..<200).map { _ in "tok_" + hex(6, using: &random) }
        let roles = ["org-lead", "rps-admin", "lab", "auditor"]
        let actions = [
            ("person.read", "record-keeping"), ("person.update", "record-keeping"), ("person.create", "registration"),
            ("employment.create", "registration"), ("people.export", "export"), ("token.issue", "access"),
        ]
        return (0..<count).map { index in
            let time = start.addingTimeInterval(Double(index) / 1000)
            let (action, purpose) = actions[Int.random(in: 0..<actions.count, using: &random)]
            return AuditEventRow(
                occurredAt: time, actor: actors[Int.random(in: 0..<actors.count, using: &random)],
                role: roles[Int.random(in: 0..<roles.count, using: &random)], action: action,
                subjectID: PersonID.generate(now: time, using: &random).description,
                organisationID: index % 10 == 9
                    ? nil : organisations[Int.random(in: 0..<organisations.count, using: &random)],
                purpose: purpose, requestID: hex(16, using: &random), outcome: "ok")
        }
    }

    /// The ledger entries of `rows(count:seed:)` stored from sequence 1, as `sievert audit verify` recomputes
    /// them from the rows.
    static func entries(count: Int, seed: UInt64 = 2026) throws -> [LedgerEntry] {
        try rows(count: count, seed: seed).enumerated().map { index, row in
            try row.ledgerEntry(sequence: Int64(index) + 1)
        }
    }

    /// `byteCount` random bytes as lowercase hex.
    private static func hex(_ byteCount: Int, using random: inout SplitMix64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(byteCount * 2)
        for _ in 0..<byteCount {
            let byte = UInt8.random(in: .min ... .max, using: &random)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

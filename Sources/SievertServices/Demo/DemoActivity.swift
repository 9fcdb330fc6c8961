import DoseCore
import Foundation
import Interchange

/// A year of dosimetry for the demo, made through the same use cases as real work: participant codes for a
/// dozen wearers of one organisation, and a lab file per month in Sievert's reading format (a control badge,
/// a whole-body badge per wearer, rings for two of them) imported like the lab's. One wearer's doses pass the
/// 6 mSv investigation level during the year, so the alert workflow has something to show.
extension Sievert {
    /// What the demo activity made.
    public struct DemoActivity: Sendable {
        /// The wearer whose record the demo wearer account opens: the one with the highest doses.
        public var wearer: PersonID
        public var readings: Int
    }

    public func seedDemoActivity(
        organisation code: String, wearers count: Int = 12, months: Int = 12, today: CalendarDate,
        by caller: Caller
    ) async throws -> DemoActivity {
        let page = try await people.list(organisationCode: code, after: nil, limit: count, by: caller)
        var participants: [(PersonID, String)] = []
        for person in page.people {
            if let code = try await self.participants.codes(for: person.id, by: caller).values.first {
                participants.append((person.id, code))
            }
        }
        guard let busiest = participants.first?.0 else {
            throw ServiceError.conflict("the demo organisation has no wearers")
        }
        var readings = 0
        var generator = SyntheticPopulation.Generator(seed: 2017)
        for back in (1...months).reversed() {
            let index = today.year * 12 + (today.month - 1) - back
            guard let period = DosePeriod.month(year: index / 12, month: index % 12 + 1) else { continue }
            let stamp = String(format: "%04d%02d", period.begin.year, period.begin.month)
            var lines = [
                LabReadingsCSV.sievertHeader.joined(separator: ","),
                "DEMO-C-\(stamp),,control,none,\(period.begin.iso),\(period.end.iso),0.05,0.05,,,1",
            ]
            for (number, (_, participant)) in participants.enumerated() {
                // The first wearer works in interventional radiology: about 0.7 mSv a month, past 6 mSv by autumn.
                let hp10 =
                    number == 0
                    ? 0.55 + Double.random(in: 0..<1, using: &generator) * 0.35
                    : Double.random(in: 0..<1, using: &generator) * 0.3
                let hp007 = hp10 + Double.random(in: 0..<1, using: &generator) * 0.1
                let cell = hp10 < 0.15 ? "M" : String(format: "%.2f", hp10 + 0.05)
                lines.append(
                    "DEMO-W\(number)-\(stamp),\(participant),whole-body,chest,\(period.begin.iso),\(period.end.iso),"
                        + "\(cell),\(String(format: "%.2f", hp007 + 0.05)),,,1")
                if number < 2 {
                    lines.append(
                        "DEMO-R\(number)-\(stamp),\(participant),extremity,right-finger,\(period.begin.iso),"
                            + "\(period.end.iso),,\(String(format: "%.2f", 1 + Double.random(in: 0..<1, using: &generator) * 4)),,,1"
                    )
                }
            }
            let report = try await readingsImport.run(
                Array(lines.joined(separator: "\n").utf8), organisationCode: code, by: caller)
            guard report.committed else {
                throw ServiceError.conflict(
                    "the demo lab file was refused: \(report.problems.first.map { "\($0)" } ?? "")")
            }
            readings += report.rows
        }
        return DemoActivity(wearer: busiest, readings: readings)
    }

    /// One enrolment per role for trying the portal: rps-admin, the lead of `organisation`, the wearer, an
    /// auditor. Returns (role, login, one-time enrolment token); logins are invented `.example` addresses.
    public func createDemoAccounts(organisation code: String, wearer: PersonID, by caller: Caller) async throws
        -> [(role: Role, login: String, token: String)]
    {
        let wanted: [NewAccount] = [
            NewAccount(login: "admin@rps.example", role: Role.rpsAdmin.rawValue),
            NewAccount(login: "lead@\(code.lowercased()).example", role: Role.orgLead.rawValue, organisations: [code]),
            NewAccount(
                login: "wearer@\(code.lowercased()).example", role: Role.wearer.rawValue, person: wearer.description),
            NewAccount(login: "auditor@rps.example", role: Role.auditor.rawValue),
        ]
        var made: [(role: Role, login: String, token: String)] = []
        for input in wanted {
            let created = try await accounts.create(input, by: caller)
            made.append((created.account.role, input.login, created.enrolmentToken))
        }
        return made
    }
}

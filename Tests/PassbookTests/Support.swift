import Crypto
import DoseCore
import Foundation
import Passbook
import SeededRandom

/// Synthetic passbooks built in code: an invented holder and monthly entries with every entry kind.
enum Fixture {
    struct Missing: Error {}

    static func signer(seed: UInt64) throws -> PassbookSigner {
        var generator = SplitMix64(seed: seed)
        return PassbookSigner(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: generator.bytes(32)))
    }

    /// The instant `seconds` after midnight UTC at the start of `day`.
    static func time(_ day: String, _ seconds: Int = 0) throws -> Date {
        Date(timeIntervalSince1970: Double(try CalendarDate(iso: day).daysSince1970 * 86_400 + seconds))
    }

    static func holder(serial: String = "PB-000123", surname: String = "Prosser") throws -> PassbookHolder {
        guard let personID = PersonID("0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f") else { throw Missing() }
        return try PassbookHolder(
            serial: serial, personID: personID, surname: surname, forenames: "Nia Wyn",
            dateOfBirth: try CalendarDate(iso: "1990-04-02"), nino: try NINO(parsing: "AB123456C"),
            issuedAt: try time("2025-01-15", 34_200))
    }

    /// `count` monthly entries of 2025 (at most 12), alternating employers and entry kinds, with running
    /// year-to-date totals; Hp(3) is monitored every other month.
    static func entries(_ count: Int) throws -> [PassbookEntry] {
        let kinds: [DoseEntryKind] = [.measured, .notional, .estimated, .specialEntry, .accident, .measured]
        var totals: [Int64] = [0, 0, 0]
        return try (0..<count).map { index in
            guard let period = DosePeriod.month(year: 2025, month: index + 1) else { throw Missing() }
            let hp10 = Int64(120 + 37 * index)
            let hp007 = Int64(150 + 41 * index)
            let hp3: Int64? = index.isMultiple(of: 2) ? Int64(90 + index) : nil
            totals[0] += hp10
            totals[1] += hp007
            totals[2] += hp3 ?? 0
            return try PassbookEntry(
                issuedAt: Date(timeIntervalSince1970: Double((period.end.daysSince1970 + 5) * 86_400 + 36_000)),
                service: "Radiation Protection Service",
                employer: try OrganisationCode(index.isMultiple(of: 2) ? "AVUHB" : "WVET"), period: period,
                kind: kinds[index % kinds.count],
                doses: PassbookDoses(
                    hp10: Dose(microsieverts: hp10), hp007: Dose(microsieverts: hp007),
                    hp3: hp3.map { Dose(microsieverts: $0) }),
                yearToDate: PassbookDoses(
                    hp10: Dose(microsieverts: totals[0]), hp007: Dose(microsieverts: totals[1]),
                    hp3: totals[2] == 0 ? nil : Dose(microsieverts: totals[2])),
                designation: .classified)
        }
    }

    static let sealedAt = 1_768_896_000.0  // 2026-01-20T08:00:00Z

    static func passbook(entries count: Int, signer seed: UInt64 = 1) throws -> (PassbookSigner, SignedPassbook) {
        let signer = try signer(seed: seed)
        let passbook = try signer.issue(
            holder: try holder(), entries: try entries(count), sealedAt: Date(timeIntervalSince1970: sealedAt))
        return (signer, passbook)
    }
}

extension String {
    /// The file's records (holder, entries, seal) as text blocks without their separating blank lines.
    var records: [String] {
        dropLast().components(separatedBy: "\n\n")
    }

    /// Records joined back into a file.
    static func file(_ records: [String]) -> String {
        records.joined(separator: "\n\n") + "\n"
    }
}

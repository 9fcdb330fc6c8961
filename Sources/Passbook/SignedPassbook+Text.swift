import DoseCore
import Foundation

// The file is UTF-8 text of `key value` lines in a fixed order, records separated by one blank line:
//
//     sievert-passbook v1
//     serial PB-000123
//     holder 0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f
//     surname …
//     forenames …
//     date-of-birth 1990-04-02
//     nino AB123456C                      (or `none`)
//     issued 2025-01-15T09:30:00Z
//     signature <key ID, 8 hex digits> <base64 of the 64-byte signature>
//
//     entry 1
//     issued 2025-02-03T10:00:00Z
//     service …
//     employer AVUHB
//     period 2025-01-01 2025-01-31
//     kind measured
//     hp10 0.280                          (mSv with exactly 3 decimals, or `not-monitored`)
//     hp0.07 0.310
//     hp3 not-monitored
//     ytd-hp10 1.120
//     ytd-hp0.07 1.240
//     ytd-hp3 not-monitored
//     designation classified
//     previous <64 lowercase hex digits>
//     signature <key ID> <base64>
//
//     seal 1
//     issued 2025-02-03T10:00:00Z
//     previous <64 lowercase hex digits>
//     signature <key ID> <base64>
//
// Lines rather than JSON because the strict parser is a fixed sequence of expected keys: a missing, duplicated
// or reordered field is simply the wrong key at that line, there is no escaping, number syntax or key order to
// canonicalise, and every error has a line number. Every value has exactly one spelling, and the parser checks
// that the file is byte for byte what the parsed passbook renders to, so no change to the file is a no-op.
extension SignedPassbook {
    static let magic = "sievert-passbook v1"
    static let notMonitored = "not-monitored"
    static let noNINO = "none"

    // Records have a fixed number of lines, so a record's lines follow from its position.
    static let holderLineCount = 9
    static let entryLineCount = 15
    static let sealLineCount = 4

    /// The first line of `record` in a file with `entryCount` entries.
    static func firstLine(of record: PassbookRecord, entryCount: Int) -> Int {
        switch record {
        case .holder: 1
        case .entry(let number): holderLineCount + 2 + (number - 1) * (entryLineCount + 1)
        case .seal: holderLineCount + 2 + entryCount * (entryLineCount + 1)
        }
    }

    /// The line of `record`'s `previous` field (the holder has none: its first line).
    static func previousLine(of record: PassbookRecord, entryCount: Int) -> Int {
        let first = firstLine(of: record, entryCount: entryCount)
        return switch record {
        case .holder: first
        case .entry: first + entryLineCount - 2
        case .seal: first + sealLineCount - 2
        }
    }

    /// The line of `record`'s signature.
    static func signatureLine(of record: PassbookRecord, entryCount: Int) -> Int {
        let first = firstLine(of: record, entryCount: entryCount)
        return switch record {
        case .holder: first + holderLineCount - 1
        case .entry: first + entryLineCount - 1
        case .seal: first + sealLineCount - 1
        }
    }

    /// The whole file: UTF-8, every line ending in a newline.
    public var text: String {
        var lines = [
            Self.magic,
            "serial \(holder.serial)",
            "holder \(holder.personID)",
            "surname \(holder.surname)",
            "forenames \(holder.forenames)",
            "date-of-birth \(holder.dateOfBirth.iso)",
            "nino \(holder.nino?.value ?? Self.noNINO)",
            "issued \(Self.time(holder.issuedAt))",
            Self.signatureText(holderSignature),
        ]
        for signed in entries {
            let entry = signed.entry
            lines.append("")
            lines += [
                "entry \(signed.number)",
                "issued \(Self.time(entry.issuedAt))",
                "service \(entry.service)",
                "employer \(entry.employer.value)",
                "period \(entry.period.begin.iso) \(entry.period.end.iso)",
                "kind \(entry.kind.rawValue)",
            ]
            for (key, dose) in zip(PassbookDoses.keys, entry.doses.all) {
                lines.append("\(key) \(Self.doseText(dose))")
            }
            for (key, dose) in zip(PassbookDoses.keys, entry.yearToDate.all) {
                lines.append("ytd-\(key) \(Self.doseText(dose))")
            }
            lines += [
                "designation \(entry.designation.rawValue)",
                "previous \(signed.previous.hex)",
                Self.signatureText(signed.signature),
            ]
        }
        lines += [
            "",
            "seal \(seal.entryCount)",
            "issued \(Self.time(seal.sealedAt))",
            "previous \(seal.previous.hex)",
            Self.signatureText(seal.signature),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func time(_ date: Date) -> String {
        PassbookTime.text(PassbookTime.seconds(date) ?? 0)
    }

    static func doseText(_ dose: Dose?) -> String {
        guard let dose else { return notMonitored }
        let thousandths = String(dose.microsieverts % 1000)
        return "\(dose.microsieverts / 1000).\(String(repeating: "0", count: 3 - thousandths.count))\(thousandths)"
    }

    static func signatureText(_ signature: PassbookSignature) -> String {
        "signature \(PassbookVerifier.keyIDText(signature.keyID)) \(Data(signature.bytes).base64EncodedString())"
    }
}

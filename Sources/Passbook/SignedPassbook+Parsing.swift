import DoseCore
import Foundation

extension SignedPassbook {
    /// Parses a passbook file text; the same strict rules as the byte form.
    public init(parsing text: String) throws(PassbookError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// Parses a passbook file strictly (the format is described in `SignedPassbook+Text.swift`): at most
    /// ``maximumBytes``; newline-terminated lines of at most ``maximumLineBytes`` of valid UTF-8 without control
    /// characters; the records' fields in order, each value in its one spelling; nothing after the seal. Throws
    /// ``PassbookError/malformed(line:reason:)`` naming the first line at fault; never traps. Signatures and links
    /// are not checked here.
    public init(parsing input: some Collection<UInt8>) throws(PassbookError) {
        // Copy no more than one byte past the limit, whatever the caller passed.
        let bytes = Array(input.prefix(Self.maximumBytes + 1))
        var lines = try PassbookLines(bytes)
        guard let first = lines.take(), first.elementsEqual(Self.magic.utf8) else {
            throw .malformed(line: 1, reason: "not a Sievert passbook: the first line must be '\(Self.magic)'")
        }
        let serial = try lines.value("serial", "1 to 32 characters of A–Z, 0–9 and '-'") {
            PassbookHolder.isValidSerial($0) ? String(decoding: $0, as: UTF8.self) : nil
        }
        let personID = try lines.value("holder", "a lowercase UUID") { value -> PersonID? in
            let text = String(decoding: value, as: UTF8.self)
            return PersonID(text).flatMap { $0.description == text ? $0 : nil }
        }
        let surname = try lines.text("surname")
        let forenames = try lines.text("forenames")
        let dateOfBirth = try lines.value("date-of-birth", "a date written YYYY-MM-DD", Self.date)
        let nino = try lines.value("nino", "a National Insurance number such as AB123456C, or 'none'") {
            value -> NINO?? in
            let text = String(decoding: value, as: UTF8.self)
            if text == Self.noNINO { return .some(nil) }
            guard let nino = try? NINO(parsing: text), nino.value == text else { return nil }
            return .some(nino)
        }
        let holderIssued = try lines.value("issued", "a UTC time written YYYY-MM-DDTHH:MM:SSZ", PassbookTime.parse)
        let holderSignature = try lines.signature()
        let holder: PassbookHolder
        do {
            holder = try PassbookHolder(
                serial: serial, personID: personID, surname: surname, forenames: forenames, dateOfBirth: dateOfBirth,
                nino: nino, issuedAt: PassbookTime.date(holderIssued))
        } catch {
            throw .malformed(line: 1, reason: error.description)
        }

        var entries: [SignedPassbookEntry] = []
        try lines.blank()
        while lines.peek(startsWith: "entry ") {
            guard entries.count < Self.maximumEntries else {
                throw .malformed(line: lines.lineNumber, reason: "more than \(Self.maximumEntries) entries")
            }
            entries.append(try Self.parseEntry(&lines))
            try lines.blank()
        }
        let seal = try Self.parseSeal(&lines)
        guard lines.isAtEnd else {
            throw .malformed(line: lines.lineNumber, reason: "unexpected content after the seal")
        }
        self.init(holder: holder, holderSignature: holderSignature, entries: entries, seal: seal)
        // Every value above has one spelling, so this never fails; it keeps that promise checked whatever the
        // parsers become.
        let rendered = Array(text.utf8)
        if rendered != bytes {
            let offset =
                zip(rendered, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(rendered.count, bytes.count)
            throw .malformed(line: bytes[..<offset].count { $0 == UInt8(ascii: "\n") } + 1, reason: "not canonical")
        }
    }

    private static func parseSeal(_ lines: inout PassbookLines) throws(PassbookError) -> PassbookSeal {
        let count = try lines.value("seal", "the number of entries, a decimal without leading zeros") {
            decimal($0, maximum: maximumEntries)
        }
        let sealed = try lines.value("issued", "a UTC time written YYYY-MM-DDTHH:MM:SSZ", PassbookTime.parse)
        let previous = try lines.value("previous", "64 lowercase hex digits") { PassbookHash(hex: $0) }
        let signature = try lines.signature()
        return PassbookSeal(
            entryCount: count, previous: previous, sealedAt: PassbookTime.date(sealed), signature: signature)
    }

    private static func parseEntry(_ lines: inout PassbookLines) throws(PassbookError) -> SignedPassbookEntry {
        let recordLine = lines.lineNumber
        let number = try lines.value("entry", "the entry's number, a decimal without leading zeros") {
            decimal($0, maximum: maximumEntries).flatMap { $0 >= 1 ? $0 : nil }
        }
        let issued = try lines.value("issued", "a UTC time written YYYY-MM-DDTHH:MM:SSZ", PassbookTime.parse)
        let service = try lines.text("service")
        let employer = try lines.value("employer", "an organisation code: 2 to 16 characters of A–Z, 0–9 and '-'") {
            value -> OrganisationCode? in
            let text = String(decoding: value, as: UTF8.self)
            return (try? OrganisationCode(text)).flatMap { $0.value == text ? $0 : nil }
        }
        let period = try lines.value("period", "two dates 'YYYY-MM-DD YYYY-MM-DD', the end not before the begin") {
            value -> DosePeriod? in
            let parts = value.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard parts.count == 2, let begin = date(parts[0]), let end = date(parts[1]) else { return nil }
            return try? DosePeriod(begin: begin, end: end)
        }
        let kind = try lines.value("kind", "measured, estimated, notional, special-entry or accident") {
            DoseEntryKind(rawValue: String(decoding: $0, as: UTF8.self))
        }
        var doses: [Dose?] = []
        for key in PassbookDoses.keys {
            doses.append(
                try lines.value(key, "mSv with exactly 3 decimals, at most 10000.000, or '\(notMonitored)'") {
                    dose($0, maximum: .maximumReading)
                })
        }
        for key in PassbookDoses.keys {
            doses.append(
                try lines.value("ytd-\(key)", "mSv with exactly 3 decimals, at most 1000000.000, or '\(notMonitored)'")
                {
                    dose($0, maximum: PassbookEntry.maximumTotal)
                })
        }
        let designation = try lines.value("designation", "classified, non-classified, trainee or outside-worker") {
            Designation(rawValue: String(decoding: $0, as: UTF8.self))
        }
        let previous = try lines.value("previous", "64 lowercase hex digits") { PassbookHash(hex: $0) }
        let signature = try lines.signature()
        do {
            let entry = try PassbookEntry(
                issuedAt: PassbookTime.date(issued), service: service, employer: employer, period: period, kind: kind,
                doses: PassbookDoses(hp10: doses[0], hp007: doses[1], hp3: doses[2]),
                yearToDate: PassbookDoses(hp10: doses[3], hp007: doses[4], hp3: doses[5]), designation: designation)
            return SignedPassbookEntry(number: number, previous: previous, entry: entry, signature: signature)
        } catch {
            throw .malformed(line: recordLine, reason: error.description)
        }
    }

    static func date(_ value: some Collection<UInt8>) -> CalendarDate? {
        value.count == 10 ? try? CalendarDate(iso: String(decoding: value, as: UTF8.self)) : nil
    }

    /// A decimal without sign or leading zeros (except `0` itself), at most `maximum`.
    static func decimal(_ digits: some Collection<UInt8>, maximum: Int) -> Int? {
        guard !digits.isEmpty, digits.count <= 18, digits.count == 1 || digits.first != UInt8(ascii: "0") else {
            return nil
        }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value <= maximum ? value : nil
    }

    /// `not-monitored` (as `.some(nil)`), or mSv as a decimal without leading zeros and exactly three decimals.
    static func dose(_ text: some Collection<UInt8>, maximum: Dose) -> Dose?? {
        if text.elementsEqual(notMonitored.utf8) { return .some(nil) }
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 3, let whole = decimal(parts[0], maximum: 1_000_000_000),
            parts[1].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let thousandths = Int(String(decoding: parts[1], as: UTF8.self))
        else { return nil }
        let (scaled, overflow) = Int64(whole).multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        let dose = Dose(microsieverts: scaled + Int64(thousandths))
        guard dose <= maximum else { return nil }
        return .some(dose)
    }
}

import DoseCore

// The signed bytes of each record. Every variable-length field is a UInt32 big-endian byte count and its bytes,
// every integer big-endian, and an absent value a 0x00 byte where a present one is 0x01 and the value: one record,
// one byte string, so a signature covers exactly one meaning. Each record begins with its own domain string, which
// carries the format version, so the bytes of one kind of record never verify as another's and say what they are
// when found out of context. Entries and the seal also carry the passbook's serial.
extension PassbookHolder {
    static let domain = Array("sievert.passbook.holder.v1".utf8)

    /// `len ‖ "sievert.passbook.holder.v1" ‖ len ‖ serial ‖ len ‖ person id ‖ len ‖ surname ‖ len ‖ forenames ‖
    /// len ‖ date of birth (YYYY-MM-DD) ‖ 0x00 | 0x01 ‖ len ‖ NINO ‖ issued (Int64 seconds since the Unix epoch)`.
    var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter()
        writer.field(Self.domain)
        writer.field(serial.utf8)
        writer.field(personID.description.utf8)
        writer.field(surname.utf8)
        writer.field(forenames.utf8)
        writer.field(dateOfBirth.iso.utf8)
        writer.optionalField(nino?.value.utf8)
        writer.integer(PassbookTime.seconds(issuedAt) ?? 0)
        return writer.bytes
    }
}

extension SignedPassbookEntry {
    static let domain = Array("sievert.passbook.entry.v1".utf8)

    /// `len ‖ "sievert.passbook.entry.v1" ‖ len ‖ serial ‖ number (UInt32) ‖ previous (32 bytes) ‖ issued (Int64) ‖
    /// len ‖ service ‖ len ‖ employer ‖ len ‖ period begin ‖ len ‖ period end ‖ len ‖ kind ‖
    /// (0x00 | 0x01 ‖ µSv as Int64) for Hp(10), Hp(0.07), Hp(3), then the same for the three year-to-date totals ‖
    /// len ‖ designation`.
    func canonicalBytes(serial: String) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.field(Self.domain)
        writer.field(serial.utf8)
        writer.count(number)
        writer.hash(previous)
        writer.integer(PassbookTime.seconds(entry.issuedAt) ?? 0)
        writer.field(entry.service.utf8)
        writer.field(entry.employer.value.utf8)
        writer.field(entry.period.begin.iso.utf8)
        writer.field(entry.period.end.iso.utf8)
        writer.field(entry.kind.rawValue.utf8)
        for dose in entry.doses.all + entry.yearToDate.all {
            if let dose {
                writer.byte(0x01)
                writer.integer(dose.microsieverts)
            } else {
                writer.byte(0x00)
            }
        }
        writer.field(entry.designation.rawValue.utf8)
        return writer.bytes
    }
}

extension PassbookSeal {
    static let domain = Array("sievert.passbook.seal.v1".utf8)

    /// `len ‖ "sievert.passbook.seal.v1" ‖ len ‖ serial ‖ entry count (UInt32) ‖ previous (32 bytes) ‖
    /// sealed (Int64 seconds since the Unix epoch)`.
    func canonicalBytes(serial: String) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.field(Self.domain)
        writer.field(serial.utf8)
        writer.count(entryCount)
        writer.hash(previous)
        writer.integer(PassbookTime.seconds(sealedAt) ?? 0)
        return writer.bytes
    }
}

/// Appends length-prefixed fields and big-endian integers.
struct CanonicalWriter {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    // Fields are bounded well under 4 GiB by the value types, and counts by maximumEntries.
    mutating func field(_ value: some Collection<UInt8>) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func optionalField(_ value: (some Collection<UInt8>)?) {
        if let value {
            byte(0x01)
            field(value)
        } else {
            byte(0x00)
        }
    }

    mutating func count(_ value: Int) {
        let value = UInt32(truncatingIfNeeded: value)
        for shift in stride(from: 24, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    mutating func integer(_ value: Int64) {
        let value = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    mutating func hash(_ value: PassbookHash) {
        bytes.append(contentsOf: value.bytes)
    }
}

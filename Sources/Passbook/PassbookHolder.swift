import DoseCore
import Foundation

/// The classified outside worker a passbook belongs to, and when the service issued it.
///
/// The passbook carries the holder's surname, forenames, date of birth and National Insurance number in clear.
/// That is deliberate: a radiation passbook exists to be shown to each employer whose controlled area the holder
/// works in, who must match it to the person in front of them without access to the service. The file is handed
/// to the holder, who owns and carries it; the service builds it on request and never stores it, so it does not
/// weaken the rule that nothing personal is kept in clear at rest. The random person id and the passbook serial
/// tie it back to the service's record without a name lookup, and every field, the identity included, is covered
/// by a signature.
public struct PassbookHolder: Sendable, Hashable {
    /// The passbook's serial number, unique within the issuing service: 1–32 characters of `A–Z`, `0–9` and `-`,
    /// starting with a letter or digit.
    public let serial: String
    /// The holder's random id in the service's records.
    public let personID: PersonID
    /// Family name, as on the record: trimmed, single spaces, no control characters, at most 100 characters.
    public let surname: String
    /// Given names, with the same rules as ``surname``.
    public let forenames: String
    /// Date of birth.
    public let dateOfBirth: CalendarDate
    /// National Insurance number, when the holder has one.
    public let nino: NINO?
    /// When the passbook was issued, to the whole second.
    public let issuedAt: Date

    /// A holder; ``ValidationError`` names the field when the serial or a name breaks its rule or the time lies
    /// outside the years 1850–2200. `issuedAt` is rounded down to the whole second.
    public init(
        serial: String, personID: PersonID, surname: String, forenames: String, dateOfBirth: CalendarDate,
        nino: NINO?, issuedAt: Date
    ) throws(ValidationError) {
        guard Self.isValidSerial(serial.utf8) else {
            throw ValidationError(
                field: "serial",
                reason: "a passbook serial has 1 to 32 characters of A–Z, 0–9 and '-', starting with a letter or digit")
        }
        try PassbookText.check(surname, field: "surname")
        try PassbookText.check(forenames, field: "forenames")
        guard let seconds = PassbookTime.seconds(issuedAt) else {
            throw ValidationError(field: "issuedAt", reason: "must lie between 1850 and 2200")
        }
        self.serial = serial
        self.personID = personID
        self.surname = surname
        self.forenames = forenames
        self.dateOfBirth = dateOfBirth
        self.nino = nino
        self.issuedAt = PassbookTime.date(seconds)
    }

    static func isValidSerial(_ serial: some Collection<UInt8>) -> Bool {
        (1...32).contains(serial.count) && serial.first != UInt8(ascii: "-")
            && serial.allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "-")
            }
    }
}

/// The rule for free-text fields (names, the issuing service): what the people records accept, already
/// normalised, and short enough in bytes that every line of a passbook stays under
/// ``SignedPassbook/maximumLineBytes``.
enum PassbookText {
    static let maximumBytes = 400

    static func check(_ value: String, field: String) throws(ValidationError) {
        guard value.utf8.count <= maximumBytes else {
            throw ValidationError(field: field, reason: "must be at most \(maximumBytes) bytes of UTF-8")
        }
        guard try PersonIdentity.normaliseName(value, field: field) == value else {
            throw ValidationError(field: field, reason: "must not have leading, trailing or repeated spaces")
        }
    }
}

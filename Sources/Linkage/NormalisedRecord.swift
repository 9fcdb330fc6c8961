/// One record's values in comparison form, before interning: computed for all records in parallel, since this
/// is the text work (folding, splitting, checking) that costs most per record.
struct NormalisedRecord: Sendable {
    var forename: String?
    var secondForename: String?
    var surname: String?
    var surnameFirstPart: String?
    var surnameLastPart: String?
    var dateOfBirth: Int32
    var sex: Int8
    var nino: String?
    var staffNumber: String?
    var organisation: String
    var postcode: String?
    var address: String?
    var email: String?
    var phone: String?
    var findings: DummyFindings
    var isDummy: Bool
    var isDeceased: Bool
    var updatedAt: Int64

    init(_ record: LinkageRecord, detector: DummyDetector) {
        let foldedForenames = TextFolding.fold(record.forenames ?? "")
        let foldedSurname = TextFolding.fold(record.surname ?? "")
        findings = detector.findings(for: record, foldedForenames: foldedForenames, foldedSurname: foldedSurname)
        isDummy = detector.isDummy(findings)
        let name = PersonName(
            forenames: record.forenames, surname: record.surname, foldedForenames: foldedForenames,
            foldedSurname: foldedSurname)
        forename = name.forenames.first
        secondForename = name.forenames.dropFirst().first
        surname = name.surname.isEmpty ? nil : name.surname
        let parts = name.surnameParts
        surnameFirstPart = parts.count > 1 ? parts.first : nil
        surnameLastPart = parts.count > 1 ? parts.last : nil
        // A placeholder date or NINO is no evidence either way, so it is dropped before comparison.
        let usableDate = findings.contains(.placeholderDateOfBirth) ? nil : record.dateOfBirth
        dateOfBirth = usableDate?.packed ?? 0
        switch Normalise.sex(record.sex) {
        case "F": sex = 1
        case "M": sex = 2
        case "X": sex = 3
        default: sex = 0
        }
        nino = findings.contains(.placeholderNINO) ? nil : Normalise.nino(record.nino)
        staffNumber = Normalise.staffNumber(record.staffNumber)
        organisation = "org:" + TextFolding.fold(record.organisation)
        postcode = Normalise.postcode(record.postcode)
        address = Normalise.address(record.address)
        email = Normalise.email(record.email)
        phone = Normalise.phone(record.phone)
        let status = TextFolding.fold(record.status ?? "")
        isDeceased = record.dateOfDeath != nil || status == "deceased" || status == "dead"
        updatedAt = record.updatedAt.flatMap(Timestamp.seconds) ?? Int64.min
    }
}

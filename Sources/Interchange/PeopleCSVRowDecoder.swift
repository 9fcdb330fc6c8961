import DoseCore
import Foundation

// Turns one people-file row into a record, collecting a problem for every bad cell rather than stopping
// at the first, so a sender can fix a whole line at once.
struct PeopleCSVRowDecoder {
    let row: CSVRow
    let today: CalendarDate
    private(set) var problems: [CSVProblem] = []
    private(set) var recordID: String?

    init(row: CSVRow, today: CalendarDate) {
        self.row = row
        self.today = today
    }

    // The CSV column each DoseCore field name is reported under.
    private static let columnForField = [
        "surname": "surname", "forenames": "forenames", "dateOfBirth": "date_of_birth",
        "dateOfDeath": "date_of_death", "email": "email", "phone": "phone", "address": "address",
        "postcode": "postcode", "staffNumber": "staff_number", "code": "organisation_code",
    ]

    mutating func decode() -> PeopleCSVRecord? {
        recordID = decodeRecordID()
        let organisationCode = required("organisation_code") { raw throws(ValidationError) in
            try OrganisationCode(raw)
        }
        let staffNumber = optional("staff_number", Employment.normaliseStaffNumber)
        let forenames = optional("forenames") { raw throws(ValidationError) in
            try PersonIdentity.normaliseName(raw, field: "forenames")
        }
        let surname = required("surname") { raw throws(ValidationError) in
            try PersonIdentity.normaliseName(raw, field: "surname")
        }
        let dateOfBirth = optional("date_of_birth", CalendarDate.init(iso:))
        let sex = optional("sex") { raw throws(ValidationError) in
            guard let sex = Sex(rawValue: raw.uppercased()) else {
                throw ValidationError(field: "sex", reason: "must be F, M, X or U")
            }
            return sex
        }
        let nino = decodeNINO()
        let contact = ContactDetails(
            email: optional("email", ContactDetails.normaliseEmail),
            phone: optional("phone", ContactDetails.normalisePhone),
            address: optional("address", ContactDetails.normaliseAddress),
            postcode: optional("postcode", ContactDetails.normalisePostcode)
        )
        let status = optional("status") { raw throws(ValidationError) in
            guard let status = PersonStatus(rawValue: raw.lowercased()) else {
                throw ValidationError(field: "status", reason: "must be active, left or deceased (empty means active)")
            }
            return status
        }
        let dateOfDeath = optional("date_of_death", CalendarDate.init(iso:))
        let updatedAt = optional("updated_at") { raw throws(ValidationError) in
            guard let date = ISO8601Timestamp.parse(raw) else {
                throw ValidationError(
                    field: "updated_at", reason: "must be an ISO 8601 date and time such as 2024-05-01T10:20:30Z")
            }
            return date
        }

        let identity = PersonIdentity(
            forenames: forenames, surname: surname ?? "", dateOfBirth: dateOfBirth, sex: sex, nino: nino)
        // Names were normalised above, so only the date rules can fail here.
        for error in identity.validationErrors(today: today) where error.field == "dateOfBirth" {
            report(error)
        }
        if status != nil || cell("status").isEmpty {
            for error in Person.dateOfDeathErrors(
                status: status ?? .active, dateOfDeath: dateOfDeath, dateOfBirth: dateOfBirth, today: today)
            {
                report(error)
            }
        }

        guard problems.isEmpty, let recordID, let organisationCode, surname != nil else { return nil }
        return PeopleCSVRecord(
            line: row.line, recordID: recordID, organisationCode: organisationCode, staffNumber: staffNumber,
            identity: identity, contact: contact, status: status ?? .active, dateOfDeath: dateOfDeath,
            updatedAt: updatedAt)
    }

    private mutating func decodeRecordID() -> String? {
        let raw = cell("record_id")
        guard !raw.isEmpty else {
            problems.append(CSVProblem(line: row.line, column: "record_id", reason: "is required"))
            return nil
        }
        guard raw.utf8.count <= 64, raw.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            problems.append(
                CSVProblem(
                    line: row.line, column: "record_id",
                    reason: "must be 1 to 64 printable ASCII characters (letters, digits, punctuation, spaces)"))
            return nil
        }
        return raw
    }

    private mutating func decodeNINO() -> NINO? {
        let raw = cell("ni_number")
        guard !raw.isEmpty else { return nil }
        do {
            return try NINO(parsing: raw)
        } catch {
            problems.append(CSVProblem(line: row.line, column: "ni_number", reason: error.reason))
            return nil
        }
    }

    private func cell(_ column: String) -> String {
        guard let index = PeopleCSV.header.firstIndex(of: column) else { return "" }
        return CellText.trimmed(row.fields[index])
    }

    private mutating func required<Value>(
        _ column: String, _ parse: (String) throws(ValidationError) -> Value
    ) -> Value? {
        guard !cell(column).isEmpty else {
            problems.append(CSVProblem(line: row.line, column: column, reason: "is required"))
            return nil
        }
        return optional(column, parse)
    }

    private mutating func optional<Value>(
        _ column: String, _ parse: (String) throws(ValidationError) -> Value
    ) -> Value? {
        let raw = cell(column)
        guard !raw.isEmpty else { return nil }
        do {
            return try parse(raw)
        } catch {
            problems.append(CSVProblem(line: row.line, column: column, reason: error.reason))
            return nil
        }
    }

    private mutating func report(_ error: ValidationError) {
        problems.append(
            CSVProblem(line: row.line, column: Self.columnForField[error.field] ?? error.field, reason: error.reason))
    }
}

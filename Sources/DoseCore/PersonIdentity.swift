/// Who a person is: the identifying fields stored encrypted and used for record linkage.
public struct PersonIdentity: Hashable, Sendable, Codable {
    /// Given names, space separated.
    public var forenames: String?
    /// Family name; required.
    public var surname: String
    /// Date of birth.
    public var dateOfBirth: CalendarDate?
    /// Sex.
    public var sex: Sex?
    /// National Insurance number.
    public var nino: NINO?

    /// The longest name accepted, in characters.
    public static let maximumNameLength = 100

    /// Creates an identity.
    public init(
        forenames: String? = nil,
        surname: String,
        dateOfBirth: CalendarDate? = nil,
        sex: Sex? = nil,
        nino: NINO? = nil
    ) {
        self.forenames = forenames
        self.surname = surname
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nino = nino
    }

    /// Trims `raw` and collapses inner whitespace, then checks it is a usable name: not empty, at most
    /// 100 characters, no control characters. `field` names the field in the error.
    public static func normaliseName(_ raw: String, field: String) throws(ValidationError) -> String {
        if raw.containsControlCharacters {
            throw ValidationError(
                field: field, reason: "must not contain control characters such as tabs or line breaks")
        }
        let name = raw.collapsingWhitespace()
        guard !name.isEmpty else { throw ValidationError(field: field, reason: "must not be empty") }
        // Counting characters walks grapheme clusters, so skip it when the byte count already settles it.
        guard name.utf8.count <= maximumNameLength || name.count <= maximumNameLength else {
            throw ValidationError(field: field, reason: "must be at most \(maximumNameLength) characters")
        }
        return name
    }

    /// The problems with this identity as of `today`: names present, trimmed, at most 100 characters and
    /// free of control characters; a date of birth from 1900 and not after `today`.
    public func validationErrors(today: CalendarDate) -> [ValidationError] {
        var errors: [ValidationError] = []
        do {
            let normal = try PersonIdentity.normaliseName(surname, field: "surname")
            if normal != surname {
                errors.append(ValidationError(field: "surname", reason: "must not have extra spaces"))
            }
        } catch {
            errors.append(error)
        }
        if let forenames {
            do {
                let normal = try PersonIdentity.normaliseName(forenames, field: "forenames")
                if normal != forenames {
                    errors.append(ValidationError(field: "forenames", reason: "must not have extra spaces"))
                }
            } catch {
                errors.append(error)
            }
        }
        if let dateOfBirth {
            if dateOfBirth > today {
                errors.append(ValidationError(field: "dateOfBirth", reason: "must not be in the future"))
            } else if dateOfBirth < Person.earliestDateOfBirth {
                errors.append(ValidationError(field: "dateOfBirth", reason: "must not be before 1900"))
            }
        }
        return errors
    }
}

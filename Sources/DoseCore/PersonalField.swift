/// A category of personal data a breach can expose, as an Art. 33 report counts them and a letter names them.
public enum PersonalField: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case name
    case dateOfBirth = "date_of_birth"
    case nino
    case sex
    case staffNumber = "staff_number"
    /// Postal address, postcode, e-mail and telephone.
    case contactDetails = "contact_details"
    /// Radiation dose values (health data).
    case dose
    /// A pregnancy declaration (special category health data).
    case pregnancy

    /// The wording a letter and a report use.
    public var label: String {
        switch self {
        case .name: "name"
        case .dateOfBirth: "date of birth"
        case .nino: "National Insurance number"
        case .sex: "sex"
        case .staffNumber: "staff number"
        case .contactDetails: "contact details (address, e-mail, telephone)"
        case .dose: "radiation dose records"
        case .pregnancy: "pregnancy declaration"
        }
    }

    public static func < (lhs: PersonalField, rhs: PersonalField) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// Parses a comma-separated list as stored (`name,dose`); unknown names are an error.
    public static func set(parsing text: String) throws(ValidationError) -> Set<PersonalField> {
        var fields = Set<PersonalField>()
        for part in text.split(separator: ",") where !part.isEmpty {
            guard let field = PersonalField(rawValue: String(part)) else {
                throw ValidationError(field: "fields", reason: "unknown personal field \(part)")
            }
            fields.insert(field)
        }
        return fields
    }

    /// The stored form of a set: sorted, comma-separated.
    public static func text(_ fields: Set<PersonalField>) -> String {
        fields.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// The fields two records are compared on. Each has its own m- and u-probabilities in the Fellegi–Sunter model.
public enum ComparisonField: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// First given name (nicknames and middle names count as equivalent).
    case forename
    /// Surname.
    case surname
    /// Date of birth.
    case dateOfBirth
    /// Sex.
    case sex
    /// National Insurance number.
    case nino
    /// Staff number, when both records come from the same organisation.
    case staffNumberSameOrganisation
    /// Staff number, when they come from different organisations; kept apart because there a shared number is
    /// usually a coincidence, and EM learns how much it means in each case.
    case staffNumberOtherOrganisation
    /// Where the person lives: postcode and address compared together (``Comparators/location(postcode:address:)``),
    /// because they agree or differ together and counting both would count one move twice (Fellegi and Sunter's
    /// weights assume fields independent given match status).
    case location
    /// E-mail address.
    case email
    /// Telephone number.
    case phone

    /// A short name for reports.
    public var description: String {
        switch self {
        case .forename: "forename"
        case .surname: "surname"
        case .dateOfBirth: "date of birth"
        case .sex: "sex"
        case .nino: "NINO"
        case .staffNumberSameOrganisation: "staff number (same organisation)"
        case .staffNumberOtherOrganisation: "staff number (other organisation)"
        case .location: "postcode and address"
        case .email: "email"
        case .phone: "phone"
        }
    }
}

/// One comparison outcome: the agreement level of every field, packed into one integer (six levels per field,
/// missing included), which is what expectation–maximisation counts.
public struct ComparisonPattern: Hashable, Sendable {
    /// The packed levels: Σ level(field) · 6^field.
    public let code: UInt32

    static let radix: UInt32 = 6

    /// Packs `levels`, one per ``ComparisonField`` in order.
    public init(levels: [AgreementLevel]) {
        var code: UInt32 = 0
        for level in levels.reversed() { code = code * Self.radix + UInt32(level.rawValue) }
        self.code = code
    }

    init(code: UInt32) {
        self.code = code
    }

    /// The level of `field`.
    public func level(_ field: ComparisonField) -> AgreementLevel {
        var code = self.code
        for _ in 0..<field.rawValue { code /= Self.radix }
        return AgreementLevel(rawValue: Int(code % Self.radix)) ?? .missing
    }

    /// The levels of every field in order.
    public var levels: [AgreementLevel] { ComparisonField.allCases.map(level) }
}

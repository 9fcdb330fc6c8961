/// What sort of customer an organisation is.
public enum OrganisationKind: String, CaseIterable, Sendable, Codable {
    /// A Welsh or Scottish NHS health board.
    case healthBoard = "health-board"
    /// An NHS trust.
    case nhsTrust = "nhs-trust"
    /// A private hospital or clinic.
    case privateHospital = "private-hospital"
    /// A dental practice.
    case dental
    /// A veterinary practice.
    case veterinary
    /// An airport (security screening).
    case airport
    /// Anything else (industry, universities, research).
    case other

    /// The name shown to people, e.g. "Health board".
    public var displayName: String {
        switch self {
        case .healthBoard: "Health board"
        case .nhsTrust: "NHS trust"
        case .privateHospital: "Private hospital"
        case .dental: "Dental practice"
        case .veterinary: "Veterinary practice"
        case .airport: "Airport"
        case .other: "Other"
        }
    }
}

import DoseCore

/// Which personal fields a principal saw when the ledger records it doing something to a person: the response of
/// each audited read, field by field. Writes are not exposures (the principal supplied the values), so only
/// reads and exports are listed; an action missing here exposed nothing readable.
enum ExposureRules {
    /// Everything a person's record view shows (`PersonView`: names, date of birth, sex, contact details,
    /// employments with staff numbers). The view masks the NINO to its last three characters, which identify no
    /// one, so it is not counted as exposed; pregnancy declarations are not in the view.
    static let personView: Set<PersonalField> = [.name, .dateOfBirth, .sex, .contactDetails, .staffNumber]

    /// The fields exposed by one audited event, from its action and purpose.
    static func fields(action: String, purpose: String) -> Set<PersonalField> {
        switch action {
        case "person.read", "person.update-contact", "person.mark-left", "person.mark-deceased":
            return personView
        case "person.export":
            // The people CSV carries the whole NINO.
            return personView.union([.nino])
        case "dose.read":
            switch purpose {
            // Organisation reports list each wearer by name and staff number beside the doses.
            case "report": return [.name, .staffNumber, .dose]
            case "termination-record": return [.name, .dateOfBirth, .sex, .nino, .staffNumber, .dose]
            default: return [.dose]
            }
        case "dose.export":
            // The CIDI return and the passbook carry the person's identity with the doses.
            return [.name, .dateOfBirth, .sex, .nino, .dose]
        case "alert.read":
            return [.dose]
        default:
            return []
        }
    }
}

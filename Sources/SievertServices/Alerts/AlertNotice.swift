import DoseCore
import Foundation

/// The e-mail telling an organisation's lead that an alert was raised. It says which organisation, which alert
/// and what kind of finding — never who, nor any dose or date of birth — and asks the lead to sign in: mail
/// crosses systems the service does not control, so it carries nothing that identifies a wearer.
enum AlertNotice {
    /// The notice for `alert`, or nil when the organisation has no lead address to write to.
    static func message(for alert: Alert, organisationCode: String, to lead: String?, from sender: String)
        -> OutboxMessage?
    {
        guard let lead else { return nil }
        let what =
            switch alert.finding.kind {
            case .overLimit: "a dose limit has been exceeded (IRR17 regulation 12)"
            case .overFiveYearLimit: "the five-year dose limit has been exceeded (IRR17 Schedule 3)"
            case .overReducedLimit: "the reduced limit after an overexposure has been exceeded (IRR17 regulation 27)"
            case .overInvestigationLevel: "an investigation level has been exceeded (IRR17 regulation 9(8))"
            case .classificationPrompt:
                "a non-classified wearer has passed 3/10 of a dose limit: consider classification"
            case .pregnancyBudgetExceeded: "the 1 mSv dose budget of a declared pregnancy has been exceeded"
            }
        let body = """
            A dose alert has been raised for a wearer at \(organisationCode): \(what).

            Alert: \(alert.id)
            Quantity: \(alert.finding.quantity.rawValue)

            Sign in to Sievert to see the alert and to acknowledge, investigate and close it.
            This message deliberately names no one and gives no dose.
            """
        return OutboxMessage(
            from: sender, to: [lead], subject: "Sievert: dose alert at \(organisationCode)", body: body)
    }
}

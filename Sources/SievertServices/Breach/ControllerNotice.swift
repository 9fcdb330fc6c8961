import DoseCore
import Foundation

/// The processor's notice to a controller (UK GDPR Art. 33(2)): which incident, when the service became aware,
/// how many of the organisation's records are affected and how many had readable fields — never who. The
/// notification list itself is read in Sievert, signed in.
enum ControllerNotice {
    static func message(
        incident: Incident, organisationCode: String, records: Int, readable: Int, to: String, from: String
    ) -> OutboxMessage {
        let iso = ISO8601DateFormatter()
        let exposure =
            readable == 0
            ? "Every personal value exposed was ciphertext under keys that were not compromised."
            : "\(readable) of them had personal fields readable to the attacker."
        let body = """
            Sievert, your radiation protection service's system, is handling a personal data breach that affects \
            records of \(organisationCode).

            Incident: \(incident.id)
            Became aware: \(iso.string(from: incident.awareAt))
            Your records affected: \(records). \(exposure)

            As controller you may need to tell the Information Commissioner's Office within 72 hours of becoming \
            aware. Sign in to Sievert to see your notification list, the draft report and the letters.
            Contact point: \(incident.contactPoint)
            This message deliberately names no one.
            """
        return OutboxMessage(
            from: from, to: [to], subject: "Sievert: personal data breach notice for \(organisationCode)", body: body)
    }
}

import DoseCore
import Foundation

/// The Art. 34 letters of an incident: one per person to notify, in plain language, naming what of theirs was
/// exposed at each organisation, what happened, what it may mean, what was done and whom to ask.
struct BreachLetters {
    struct Letter {
        var reference: String
        var name: String
        var addressLines: [String]
        var email: String?
        var organisations: [Part]
        var hasAddress: Bool
    }

    /// What one organisation held about the person.
    struct Part {
        var code: String
        var fields: [String]
    }

    var date: String
    var summary: String
    var occurred: String
    var aware: String
    var consequences: String
    var measures: String
    var contactPoint: String
    var letters: [Letter]
    var count: Int

    static func make(incident: Incident, entries: [NotificationEntry], at now: Date) -> BreachLetters {
        let day = { (date: Date) in CalendarDate.today(now: date).description }
        var letters: [Letter] = []
        let notify = entries.filter { $0.disposition == "notify" }
        for (person, records) in Dictionary(grouping: notify, by: { $0.person ?? $0.recordID.description }) {
            let contact = records.first { $0.contactRecordID != nil } ?? records[0]
            let parts = Dictionary(grouping: records, by: \.organisationCode).map { code, records in
                Part(
                    code: code,
                    fields: Set(records.flatMap(\.exposed)).sorted().map(\.label))
            }.sorted { $0.code < $1.code }
            var address = (contact.address ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            if let postcode = contact.postcode { address.append(postcode) }
            letters.append(
                Letter(
                    reference: "\(incident.id.description.prefix(8))-\(person)",
                    name: contact.contactName ?? contact.name, addressLines: address, email: contact.email,
                    organisations: parts, hasAddress: !address.isEmpty))
        }
        letters.sort { $0.reference < $1.reference }
        return BreachLetters(
            date: day(now), summary: incident.summary, occurred: day(incident.occurredAt), aware: day(incident.awareAt),
            consequences: incident.consequences.isEmpty
                ? "Someone could try to use these details to pretend to be you, or to find out about your work with "
                    + "radiation. Dose records are health information."
                : incident.consequences,
            measures: incident.measures.isEmpty
                ? "We closed the way in, changed the keys and passwords involved, and are watching for misuse."
                : incident.measures,
            contactPoint: incident.contactPoint, letters: letters, count: letters.count)
    }
}

import DoseCore
import Foundation
import Interchange

/// One affected record on an organisation's notification list, with the person's chosen contact.
public struct NotificationEntry: Sendable, Codable, Hashable {
    public var organisationCode: String
    /// The affected record.
    public var recordID: PersonID
    /// The person (the same for every record of one human in this incident's plan).
    public var person: String?
    public var name: String
    public var exposed: [PersonalField]
    public var foundBy: [String]
    public var disposition: String?
    /// The record whose contact details the letter uses, and those details.
    public var contactRecordID: PersonID?
    public var contactName: String?
    public var address: String?
    public var postcode: String?
    public var email: String?
    public var delivery: LetterDelivery
    public var deliveryAt: Date?

    /// The mail-merge columns.
    static let csvHeader = [
        "organisation", "record_id", "person", "name", "exposed_fields", "disposition", "contact_record_id",
        "contact_name", "address", "postcode", "email", "delivery",
    ]

    var csvRow: [String] {
        // The list is opened in office tools for mail merge, where a cell could run as a formula.
        SpreadsheetSafe.row([
            organisationCode, recordID.description, person ?? "", name,
            exposed.map(\.rawValue).joined(separator: ";"), disposition ?? "", contactRecordID?.description ?? "",
            contactName ?? "", address ?? "", postcode ?? "", email ?? "", delivery.rawValue,
        ])
    }
}

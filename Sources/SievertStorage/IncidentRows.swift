import DoseCore
import Foundation

/// A breach incident as stored: a service-level row (an incident may span organisations), written only under the
/// service scope. The incident itself (summary, decision log) is sealed under the service's own key; the status,
/// source and times are in clear so the register and the 72-hour clock can be listed without decrypting.
public struct IncidentRow: Sendable, Hashable {
    public var id: IncidentID
    public var status: String
    public var source: String
    public var occurredAt: Date
    public var awareAt: Date
    public var declaredAt: Date
    public var updatedAt: Date
    public var sealedIncident: [UInt8]

    public init(
        id: IncidentID, status: String, source: String, occurredAt: Date, awareAt: Date, declaredAt: Date,
        updatedAt: Date, sealedIncident: [UInt8]
    ) {
        self.id = id
        self.status = status
        self.source = source
        self.occurredAt = occurredAt
        self.awareAt = awareAt
        self.declaredAt = declaredAt
        self.updatedAt = updatedAt
        self.sealedIncident = sealedIncident
    }
}

/// One person record an incident affects, in its organisation's scope: which fields were readable to the
/// attacker, how the record was found, what the plan decided, and the letter's delivery. Field and scope names,
/// dispositions and delivery states are categories, never personal values, so they are in clear.
public struct IncidentPersonRow: Sendable, Hashable {
    public var incidentID: IncidentID
    public var personID: PersonID
    public var organisationID: OrganisationID
    /// Readable fields, comma-separated (`PersonalField` raw values); empty when only ciphertext was exposed.
    public var exposed: String
    /// The scopes that found the record, comma-separated (`principal`, `store-window`, `key-version`, `file`).
    public var foundBy: String
    /// `notify`, `dummy`, `deceased` or `unidentifiable` once planned.
    public var disposition: String?
    /// The plan's person: the same for every record judged to be one human.
    public var cluster: String?
    /// The record whose contact details the letter uses.
    public var contactPersonID: PersonID?
    /// `pending`, `sent`, `returned`, `undeliverable` or `not-sent`.
    public var delivery: String
    public var deliveryAt: Date?
    public var updatedAt: Date

    public init(
        incidentID: IncidentID, personID: PersonID, organisationID: OrganisationID, exposed: String, foundBy: String,
        disposition: String? = nil, cluster: String? = nil, contactPersonID: PersonID? = nil,
        delivery: String = "pending", deliveryAt: Date? = nil, updatedAt: Date
    ) {
        self.incidentID = incidentID
        self.personID = personID
        self.organisationID = organisationID
        self.exposed = exposed
        self.foundBy = foundBy
        self.disposition = disposition
        self.cluster = cluster
        self.contactPersonID = contactPersonID
        self.delivery = delivery
        self.deliveryAt = deliveryAt
        self.updatedAt = updatedAt
    }
}

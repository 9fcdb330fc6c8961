import DoseCore
import Foundation

/// An IRR17 dose alert as stored. What was found and the workflow's notes are sealed under the organisation's
/// key (they carry dose values and free text); the person, the kind of finding, the state and the times are in
/// clear so alerts can be listed and kept unique without decrypting. `fingerprint` names the finding (kind,
/// quantity, year, employment): one alert per fingerprint and person, however often the dose is checked again.
public struct DoseAlertRow: Sendable, Hashable {
    public var id: AlertID
    public var organisationID: OrganisationID
    public var personID: PersonID
    public var fingerprint: String
    /// `raised`, `acknowledged`, `investigating` or `closed`.
    public var state: String
    /// The sealed `Alert` (finding and every workflow step with its note).
    public var sealedAlert: [UInt8]
    public var raisedAt: Date
    public var updatedAt: Date

    public init(
        id: AlertID, organisationID: OrganisationID, personID: PersonID, fingerprint: String, state: String,
        sealedAlert: [UInt8], raisedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.fingerprint = fingerprint
        self.state = state
        self.sealedAlert = sealedAlert
        self.raisedAt = raisedAt
        self.updatedAt = updatedAt
    }
}

/// An e-mail waiting to leave, or sent: written in the same change set as what it tells of, sent afterwards, so
/// a notice is never lost when the relay is down and never sent for a change that was not committed. Recipients,
/// subject and body are sealed under the organisation's key (a recipient's address is personal data).
public struct MailOutboxRow: Sendable, Hashable {
    public var id: UUID
    public var organisationID: OrganisationID
    public var sealedMessage: [UInt8]
    public var createdAt: Date
    public var sentAt: Date?
    public var attempts: Int
    /// Why the last attempt failed (the relay's reply code and text, never the message).
    public var lastError: String?

    public init(
        id: UUID, organisationID: OrganisationID, sealedMessage: [UInt8], createdAt: Date, sentAt: Date? = nil,
        attempts: Int = 0, lastError: String? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.sealedMessage = sealedMessage
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// An organisation's investigation levels (IRR17 reg 9(8)) as JSON of `InvestigationLevels`: levels are the
/// employer's settings, not anyone's dose, so they are stored in clear.
public struct InvestigationLevelsRow: Sendable, Hashable {
    public var organisationID: OrganisationID
    public var levels: String
    public var updatedAt: Date

    public init(organisationID: OrganisationID, levels: String, updatedAt: Date) {
        self.organisationID = organisationID
        self.levels = levels
        self.updatedAt = updatedAt
    }
}

import DoseCore
import Foundation

/// A breach as first declared.
public struct NewIncident: Sendable, Codable, Hashable {
    public var summary: String
    public var source: IncidentSource
    public var occurredAt: Date
    public var awareAt: Date
    public var contactPoint: String
    public var consequences: String?
    public var measures: String?

    public init(
        summary: String, source: IncidentSource, occurredAt: Date, awareAt: Date, contactPoint: String,
        consequences: String? = nil, measures: String? = nil
    ) {
        self.summary = summary
        self.source = source
        self.occurredAt = occurredAt
        self.awareAt = awareAt
        self.contactPoint = contactPoint
        self.consequences = consequences
        self.measures = measures
    }
}

/// One line of the register: what an RPS manager scans, with the 72-hour clock.
public struct IncidentSummary: Sendable, Codable, Hashable {
    public var id: IncidentID
    public var status: IncidentStatus
    public var source: IncidentSource
    public var summary: String
    public var occurredAt: Date
    public var awareAt: Date
    public var reportDue: Date
    /// Seconds until the report is due (negative once overdue); nil once reported or closed.
    public var secondsToReport: Double?
}

/// An incident as the lead of an affected organisation sees it.
public struct OrganisationIncident: Sendable, Codable, Hashable {
    public var id: IncidentID
    public var status: IncidentStatus
    public var awareAt: Date
    /// The organisation's records the incident affects.
    public var affectedRecords: Int
}

/// The delivery of a letter, as tracked.
public enum LetterDelivery: String, CaseIterable, Sendable, Codable, Hashable {
    case pending
    case sent
    case returned
    case undeliverable
    /// No letter goes: a dummy, a deceased person, or someone who cannot be identified.
    case notSent = "not-sent"
}

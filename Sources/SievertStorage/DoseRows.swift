import DoseCore
import Foundation

/// An entry of the dose of record as stored. The period, quantity and kind are in clear (dates and enums);
/// the amount is sealed under the person's data key, bound to organisation | `dose_entries` | `amount` | entry id.
/// Entries are never updated or deleted: a correction is a new row naming the one it supersedes.
public struct DoseEntryRow: Sendable, Hashable {
    public var id: DoseEntryID
    public var organisationID: OrganisationID
    public var employmentID: EmploymentID
    public var personID: PersonID
    public var periodBegin: CalendarDate
    public var periodEnd: CalendarDate
    public var quantity: String
    public var kind: String
    public var supersedes: DoseEntryID?
    /// The sealed amount (micro-sieverts, and whether the lab reported it below its reporting level).
    public var sealedAmount: [UInt8]
    public var recordedAt: Date
    /// The lab reading a measured (or notional, for a damaged or lost dosemeter) entry came from.
    public var readingID: Identifier<LabReadingTag>?

    public init(
        id: DoseEntryID, organisationID: OrganisationID, employmentID: EmploymentID, personID: PersonID,
        periodBegin: CalendarDate, periodEnd: CalendarDate, quantity: String, kind: String, supersedes: DoseEntryID?,
        sealedAmount: [UInt8], recordedAt: Date, readingID: Identifier<LabReadingTag>? = nil
    ) {
        self.readingID = readingID
        self.id = id
        self.organisationID = organisationID
        self.employmentID = employmentID
        self.personID = personID
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
        self.quantity = quantity
        self.kind = kind
        self.supersedes = supersedes
        self.sealedAmount = sealedAmount
        self.recordedAt = recordedAt
    }
}

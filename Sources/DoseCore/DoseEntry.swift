import Foundation

/// One entry in the dose of record: the dose of one quantity that one employment's wearer received over one
/// period. Entries are never edited: a correction is a new entry that names the one it ``supersedes``.
public struct DoseEntry: Hashable, Sendable, Codable {
    /// The entry's identifier.
    public let id: DoseEntryID
    /// The employment (one person with one employer) whose record holds the entry.
    public let employmentID: EmploymentID
    /// The person, linking their records with every employer.
    public let personID: PersonID
    /// The period the dose was received over (a wear period for a measured dose).
    public let period: DosePeriod
    /// The quantity the dose is of.
    public let quantity: Quantity
    /// The dose; zero when below the minimum reporting level.
    public let amount: Dose
    /// Whether the lab reported `M`, below its minimum reporting level: recorded as a zero dose.
    public let belowReportingLevel: Bool
    /// Where the dose came from.
    public let kind: DoseEntryKind
    /// The earlier entry this one corrects, which then no longer counts.
    public let supersedes: DoseEntryID?
    /// When the entry was recorded.
    public let recordedAt: Date

    /// Creates an entry. Refuses a negative dose or one above ``Dose/maximumReading``, a below-reporting-level
    /// entry that is not a measured zero, and an entry that supersedes itself.
    public init(
        id: DoseEntryID,
        employmentID: EmploymentID,
        personID: PersonID,
        period: DosePeriod,
        quantity: Quantity,
        amount: Dose,
        belowReportingLevel: Bool = false,
        kind: DoseEntryKind,
        supersedes: DoseEntryID? = nil,
        recordedAt: Date
    ) throws(ValidationError) {
        // Bounding every amount keeps sums of any realistic number of entries far from Int64 overflow.
        guard amount >= .zero, amount <= .maximumReading else {
            throw ValidationError(field: "amount", reason: "a dose must be between 0 and 10000 mSv")
        }
        if belowReportingLevel {
            guard amount == .zero, kind == .measured else {
                throw ValidationError(
                    field: "belowReportingLevel",
                    reason: "only a measured dose of zero can be below the reporting level")
            }
        }
        guard supersedes != id else {
            throw ValidationError(field: "supersedes", reason: "an entry cannot supersede itself")
        }
        self.id = id
        self.employmentID = employmentID
        self.personID = personID
        self.period = period
        self.quantity = quantity
        self.amount = amount
        self.belowReportingLevel = belowReportingLevel
        self.kind = kind
        self.supersedes = supersedes
        self.recordedAt = recordedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, employmentID, personID, period, quantity, amount, belowReportingLevel, kind, supersedes, recordedAt
    }

    /// Decodes an entry, checking it as ``init(id:employmentID:personID:period:quantity:amount:belowReportingLevel:kind:supersedes:recordedAt:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: container.decode(DoseEntryID.self, forKey: .id),
            employmentID: container.decode(EmploymentID.self, forKey: .employmentID),
            personID: container.decode(PersonID.self, forKey: .personID),
            period: container.decode(DosePeriod.self, forKey: .period),
            quantity: container.decode(Quantity.self, forKey: .quantity),
            amount: container.decode(Dose.self, forKey: .amount),
            belowReportingLevel: container.decodeIfPresent(Bool.self, forKey: .belowReportingLevel) ?? false,
            kind: container.decode(DoseEntryKind.self, forKey: .kind),
            supersedes: container.decodeIfPresent(DoseEntryID.self, forKey: .supersedes),
            recordedAt: container.decode(Date.self, forKey: .recordedAt))
    }
}

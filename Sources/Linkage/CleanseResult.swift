/// The stages of a cleanse, in order, for progress reports.
public enum CleanseStage: String, CaseIterable, Hashable, Sendable {
    /// Normalising and checking each record.
    case prepare
    /// Generating candidate pairs.
    case block
    /// Comparing candidate pairs field by field.
    case compare
    /// Fitting the Fellegi–Sunter model by EM.
    case estimate
    /// Weighing pairs and grouping records into people.
    case cluster
    /// Deciding each person's disposition and contact record.
    case dispose
}

/// The outcome for one input record.
public struct RecordOutcome: Hashable, Sendable {
    /// The record's identifier, as given.
    public var recordID: String
    /// The person the record belongs to; the same for every record of one person (`P000001` …).
    public var personID: String
    /// The person's disposition.
    public var disposition: Disposition
    /// For ``Disposition/notify``: the record whose contact details to use, when the person has one.
    public var contactRecordID: String?
}

/// Counts for the run, as the CLI prints them.
public struct CleanseSummary: Hashable, Sendable {
    /// Input records.
    public var records: Int
    /// People found, dummies not counted.
    public var people: Int
    /// Records merged into another record's person: non-dummy records − people.
    public var duplicatesMerged: Int
    /// Dummy records.
    public var dummies: Int
    /// People whose disposition is deceased.
    public var deceased: Int
    /// People who cannot be identified.
    public var unidentifiable: Int
    /// People to notify.
    public var notify: Int
    /// People to notify with no usable postal address or e-mail.
    public var notifyWithoutContact: Int
    /// Candidate pairs compared field by field.
    public var pairsCompared: Int
    /// Pairs not generated because their block exceeded the cap (see ``BlockingOptions``).
    public var pairsSkippedByBlockCap: Int
    /// Blocks over the cap.
    public var cappedBlocks: Int
    /// Pairs each blocking key produced, before pairs found by several keys were merged.
    public var pairsByKey: [BlockingKey: Int]
    /// Pairs accepted as the same person.
    public var pairsAccepted: Int
    /// Accepted pairs not merged because the two sides disagreed on a NINO or date of birth.
    public var mergesRefused: Int
    /// The fitted model.
    public var model: FellegiSunterModel
    /// The weight a pair needed, term-frequency adjustment included, to be accepted.
    public var threshold: Double
}

/// Everything a cleanse run found.
public struct CleanseResult: Hashable, Sendable {
    /// One outcome per input record, in input order.
    public var outcomes: [RecordOutcome]
    /// The counts.
    public var summary: CleanseSummary
}

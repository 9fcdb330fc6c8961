/// Marks identifiers of entries in the dose of record.
public enum DoseEntryTag: IdentifierTag {}

/// The identifier of a ``DoseEntry``.
public typealias DoseEntryID = Identifier<DoseEntryTag>

/// Where an entry in the dose of record came from (IRR17 regs 22–24).
public enum DoseEntryKind: String, CaseIterable, Sendable, Codable {
    /// Read from a dosemeter by the approved dosimetry service.
    case measured
    /// Estimated by an investigation after a dosemeter was lost or damaged (reg 23(1)(a)(i)).
    case estimated
    /// The proportion of the annual limit for the period, when nothing better is known (reg 23(1)(a)(ii)).
    case notional
    /// A correction approved by HSE (reg 23(2)).
    case specialEntry = "special-entry"
    /// A dose assessed after an accident or emergency (reg 24).
    case accident
}

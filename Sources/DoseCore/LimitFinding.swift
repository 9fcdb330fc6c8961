/// What a limit check found.
public enum LimitFindingKind: String, CaseIterable, Sendable, Codable {
    /// A calendar-year dose limit (or the special case's single-year limit) is exceeded (IRR17 reg 12).
    case overLimit = "over-limit"
    /// The special case's five-year total is exceeded (IRR17 Sch. 3 Part 2).
    case overFiveYearLimit = "over-five-year-limit"
    /// After an overexposure, the dose in the rest of the period exceeds the reduced limit (IRR17 reg 27).
    case overReducedLimit = "over-reduced-limit"
    /// An employer's investigation level is exceeded (IRR17 reg 9(8)).
    case overInvestigationLevel = "over-investigation-level"
    /// A non-classified wearer has passed a classification threshold (IRR17 reg 21): consider classifying.
    case classificationPrompt = "classification-prompt"
    /// The foetus dose since a pregnancy was declared exceeds its budget.
    case pregnancyBudgetExceeded = "pregnancy-budget-exceeded"
}

/// One threshold a person's dose has passed: which, by how much, over what period.
public struct LimitFinding: Hashable, Sendable, Codable {
    /// What was passed.
    public var kind: LimitFindingKind
    /// The quantity.
    public var quantity: LimitedQuantity
    /// The dose that passed it, from every employer.
    public var amount: Dose
    /// The threshold it passed (the amount is strictly greater).
    public var threshold: Dose
    /// The days the amount was received over (entries counted by their period's end).
    public var period: DosePeriod
    /// How much of the amount is notional dose, so a finding driven by lost dosemeters can be told apart.
    public var notional: Dose
    /// The employment whose level or designation the finding concerns (investigation levels and the
    /// classification prompt); `nil` for findings about the person.
    public var employmentID: EmploymentID?

    /// Creates a finding.
    public init(
        kind: LimitFindingKind, quantity: LimitedQuantity, amount: Dose, threshold: Dose, period: DosePeriod,
        notional: Dose = .zero, employmentID: EmploymentID? = nil
    ) {
        self.kind = kind
        self.quantity = quantity
        self.amount = amount
        self.threshold = threshold
        self.period = period
        self.notional = notional
        self.employmentID = employmentID
    }
}

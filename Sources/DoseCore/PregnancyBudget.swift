/// How a dose entry whose period straddles a pregnancy's declaration (or end) counts against the budget.
public enum PregnancyAttribution: String, CaseIterable, Sendable, Codable {
    /// The whole dose of any period that shares a day with the pregnancy counts: the cautious default.
    case wholePeriod = "whole-period"
    /// The share of the dose for the days the period shares with the pregnancy counts, rounded up to the
    /// micro-sievert.
    case proRataByDays = "pro-rata-by-days"
}

/// The foetus dose budget of one declared pregnancy: from the declaration date (not the calendar year) until
/// the pregnancy ends, the foetus must receive at most ``budget`` (1 mSv).
///
/// The foetus dose is taken to be the wearer's Hp(10) (photon and neutron) from every employer: the
/// whole-body dosemeter is worn on the trunk, so its Hp(10) stands for the dose at the abdomen surface, which
/// over-estimates the dose to the foetus beneath it.
public struct PregnancyBudget: Hashable, Sendable {
    /// The declaration the budget runs from.
    public var declaration: PregnancyDeclaration
    /// The most the foetus may receive (1 mSv by default).
    public var budget: Dose
    /// How straddling periods count.
    public var attribution: PregnancyAttribution
    /// The recorded quantities that stand for the foetus dose.
    public var quantities: Set<Quantity>

    /// Creates the budget for `declaration`.
    public init(
        declaration: PregnancyDeclaration,
        budget: Dose = DoseLimitsTable.irr17.foetusBudget,
        attribution: PregnancyAttribution = .wholePeriod,
        quantities: Set<Quantity> = LimitedQuantity.effective.contributors
    ) {
        self.declaration = declaration
        self.budget = budget
        self.attribution = attribution
        self.quantities = quantities
    }

    /// The days the budget covers: the declaration day through the day the pregnancy ended, or through the
    /// last representable day while it lasts. `nil` for a declaration that ends before it starts.
    public var window: DosePeriod? {
        try? DosePeriod(begin: declaration.declared, end: declaration.ended ?? CalendarDate.last)
    }

    /// The foetus dose so far: the person's doses that count, from every employer, over ``window``.
    public func used(in accumulator: DoseAccumulator, by person: PersonID) -> Dose {
        contributions(in: accumulator, by: person).reduce(Dose.zero) { $0 + $1.share }
    }

    /// Each entry that counts against the budget, with the part of its dose that does.
    func contributions(in accumulator: DoseAccumulator, by person: PersonID) -> [(entry: DoseEntry, share: Dose)] {
        guard let window else { return [] }
        return accumulator.entries(of: quantities, in: .person(person), overlapping: window).map { entry in
            switch attribution {
            case .wholePeriod:
                return (entry, entry.amount)
            case .proRataByDays:
                // Rounding up keeps the budget cautious: a share of a micro-sievert still uses the budget.
                let shared = Int64(entry.period.overlappingDays(with: window))
                return (entry, entry.amount.proportion(shared, of: Int64(entry.period.days), rounding: .up))
            }
        }
    }

    /// What is left of the budget, never below zero.
    public func remaining(in accumulator: DoseAccumulator, by person: PersonID) -> Dose {
        max(.zero, Dose(microsieverts: budget.microsieverts - used(in: accumulator, by: person).microsieverts))
    }

    /// Whether the foetus dose is over the budget (reaching it exactly is within it).
    public func isExceeded(in accumulator: DoseAccumulator, by person: PersonID) -> Bool {
        used(in: accumulator, by: person) > budget
    }
}

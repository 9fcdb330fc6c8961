/// Checks a person's dose of record against every IRR17 threshold for one calendar year: the dose limits
/// (annual, or the special case's single-year and five-year limits), the reduced limit after an
/// overexposure, each employer's investigation levels, the classification thresholds for non-classified
/// wearers, and the foetus budget of each pregnancy.
///
/// Every threshold is compared with the person's dose from **all** employers, because the regulations limit
/// what the person receives; entries count in the calendar year their period ends in. A threshold is passed
/// when the dose is strictly greater than it.
public struct LimitCheck: Hashable, Sendable {
    /// The limits and levels to check against.
    public var limits: DoseLimitsTable
    /// How a period straddling a pregnancy's declaration counts against its budget.
    public var pregnancyAttribution: PregnancyAttribution

    /// Creates a check.
    public init(limits: DoseLimitsTable = .irr17, pregnancyAttribution: PregnancyAttribution = .wholePeriod) {
        self.limits = limits
        self.pregnancyAttribution = pregnancyAttribution
    }

    /// Every threshold `subject` passed in calendar year `year`, from the doses in `accumulator`: for each
    /// quantity the limit findings, then investigation levels and classification prompts per employment,
    /// then pregnancies whose budget window meets the year.
    public func findings(for subject: LimitCheckSubject, year: Int, in accumulator: DoseAccumulator) -> [LimitFinding] {
        guard let yearPeriod = DosePeriod.calendarYear(year) else { return [] }
        let person = DoseScope.person(subject.personID)
        var findings: [LimitFinding] = []
        for quantity in LimitedQuantity.allCases {
            let entries = accumulator.entries(of: quantity.contributors, in: person, endingIn: yearPeriod)
            let amount = Self.sum(entries)
            let notional = Self.sum(entries.filter { $0.kind == .notional })
            func finding(_ kind: LimitFindingKind, threshold: Dose, employment: EmploymentID? = nil) -> LimitFinding {
                LimitFinding(
                    kind: kind, quantity: quantity, amount: amount, threshold: threshold, period: yearPeriod,
                    notional: notional, employmentID: employment)
            }
            let limit = limits.limit(
                for: subject.workerClass, quantity, year: year, authorisation: subject.authorisation)
            findings += limitFindings(quantity, limit: limit, period: yearPeriod, counted: entries)
            if let special = limits.fiveYearLimit(
                for: subject.workerClass, quantity, year: year, authorisation: subject.authorisation)
            {
                // Only the years so far count: the check for 2026 does not see 2027's doses.
                let soFar = DosePeriod(uncheckedBegin: special.period.begin, end: yearPeriod.end)
                let fiveYearEntries = accumulator.entries(of: quantity.contributors, in: person, endingIn: soFar)
                findings += limitFindings(
                    quantity, limit: special.limit, period: special.period, counted: fiveYearEntries,
                    overKind: .overFiveYearLimit, through: yearPeriod.end)
            }
            for employment in subject.employments {
                if let level = employment.investigationLevels.level(
                    for: quantity, group: employment.group, limits: limits), amount > level
                {
                    findings.append(
                        finding(.overInvestigationLevel, threshold: level, employment: employment.employmentID))
                }
            }
            // IRR17 reg 21: only an employee of 18 or over can be classified, so only they are prompted.
            let threshold = limits.classificationThresholds[quantity]
            if subject.workerClass == .employee, amount > threshold {
                for employment in subject.employments where !employment.classified {
                    findings.append(
                        finding(.classificationPrompt, threshold: threshold, employment: employment.employmentID))
                }
            }
        }
        findings += pregnancyFindings(subject, year: yearPeriod, in: accumulator)
        return findings
    }

    /// The period ends an entry can have and still change ``findings(for:year:in:)`` for `year`: from the year's
    /// first day (or the first of the five years under a special authorisation, or the declaration of a pregnancy
    /// whose budget window meets the year) to its last day (or without end for such a pregnancy: its budget counts
    /// every period that meets its window). A check can leave the other entries unread — but not a correction,
    /// which may supersede an entry that does count.
    public func countedPeriodEnds(for subject: LimitCheckSubject, year: Int) -> ClosedRange<CalendarDate>? {
        guard let yearPeriod = DosePeriod.calendarYear(year) else { return nil }
        var earliest = yearPeriod.begin
        var latest = yearPeriod.end
        for quantity in LimitedQuantity.allCases {
            if let special = limits.fiveYearLimit(
                for: subject.workerClass, quantity, year: year, authorisation: subject.authorisation)
            {
                earliest = min(earliest, special.period.begin)
            }
        }
        for declaration in subject.pregnancies {
            let budget = PregnancyBudget(
                declaration: declaration, budget: limits.foetusBudget, attribution: pregnancyAttribution)
            guard let window = budget.window, window.overlappingDays(with: yearPeriod) > 0 else { continue }
            // An entry counts against the budget when its period meets the window, so one ending any time after
            // the window begins may count (a period can straddle the pregnancy's end).
            earliest = min(earliest, window.begin)
            latest = CalendarDate.last
        }
        return earliest...latest
    }

    // The limit finding for `counted` over `period` (seen through `through`), and the reduced-limit finding
    // when the rest of the period after the overexposure exceeds the pro-rata limit (IRR17 reg 27).
    private func limitFindings(
        _ quantity: LimitedQuantity, limit: Dose, period: DosePeriod, counted: [DoseEntry],
        overKind: LimitFindingKind = .overLimit, through: CalendarDate? = nil
    ) -> [LimitFinding] {
        let amount = Self.sum(counted)
        guard amount > limit else { return [] }
        var findings = [
            LimitFinding(
                kind: overKind, quantity: quantity, amount: amount, threshold: limit, period: period,
                notional: Self.sum(counted.filter { $0.kind == .notional }))
        ]
        let seenThrough = through ?? period.end
        if let overexposed = Overexposure.firstExceeded(limit, by: counted), overexposed < seenThrough,
            let restBegins = overexposed.adding(days: 1)
        {
            let rest = counted.filter { $0.period.end > overexposed }
            let reduced = Overexposure.reducedLimit(
                limit, for: period, afterAssessmentPeriodEnding: overexposed, basis: limits.overexposureProRata)
            let restAmount = Self.sum(rest)
            if restAmount > reduced {
                findings.append(
                    LimitFinding(
                        kind: .overReducedLimit, quantity: quantity, amount: restAmount, threshold: reduced,
                        period: DosePeriod(uncheckedBegin: restBegins, end: seenThrough),
                        notional: Self.sum(rest.filter { $0.kind == .notional })))
            }
        }
        return findings
    }

    private func pregnancyFindings(
        _ subject: LimitCheckSubject, year: DosePeriod, in accumulator: DoseAccumulator
    ) -> [LimitFinding] {
        var findings: [LimitFinding] = []
        for declaration in subject.pregnancies {
            let budget = PregnancyBudget(
                declaration: declaration, budget: limits.foetusBudget, attribution: pregnancyAttribution)
            guard let window = budget.window, window.overlappingDays(with: year) > 0 else { continue }
            let contributions = budget.contributions(in: accumulator, by: subject.personID)
            let used = contributions.reduce(Dose.zero) { $0 + $1.share }
            guard used > budget.budget else { continue }
            let notional = contributions.filter { $0.entry.kind == .notional }.reduce(Dose.zero) { $0 + $1.share }
            // An open pregnancy's window runs to the end of the calendar; report the days actually covered.
            let lastDose = contributions.map(\.entry.period.end).max() ?? window.begin
            let covered = DosePeriod(
                uncheckedBegin: window.begin, end: declaration.ended ?? max(lastDose, window.begin))
            findings.append(
                LimitFinding(
                    kind: .pregnancyBudgetExceeded, quantity: .effective, amount: used, threshold: budget.budget,
                    period: covered, notional: notional))
        }
        return findings
    }

    private static func sum(_ entries: [DoseEntry]) -> Dose {
        // DoseEntry bounds each amount at 10 Sv, so these sums cannot overflow.
        entries.reduce(Dose.zero) { $0 + $1.amount }
    }
}

/// Every number the IRR17 dose rules use, as configuration: the defaults are ``irr17``, and the values
/// DOMAIN.md marks as unconfirmed ("(check)") can be changed without touching code.
public struct DoseLimitsTable: Hashable, Sendable, Codable {
    /// Annual limits for employees aged 18 or over: 20 mSv effective, 20 mSv lens, 500 mSv skin and
    /// extremities (IRR17 Sch. 3 Part 1).
    public var employee: QuantityLimits
    /// Annual limits for trainees under 18: 6, 15, 150 and 150 mSv (IRR17 Sch. 3 Part 1).
    public var trainee: QuantityLimits
    /// Annual limits for any other person: 1 mSv effective; 15 mSv lens, 50 mSv skin and 50 mSv
    /// extremities are unconfirmed (check).
    public var otherPerson: QuantityLimits
    /// The special case with HSE authorisation: 100 mSv in five consecutive years, 50 mSv in any one.
    public var fiveYear: FiveYearLimit
    /// The most a foetus may receive from a pregnancy's declaration to its end: 1 mSv.
    public var foetusBudget: Dose
    /// The formal investigation level for effective dose in a calendar year (IRR17 reg 9(8)): 15 mSv (check).
    /// An employer's own level is used when it is lower, never when it is higher.
    public var formalInvestigationLevel: Dose
    /// The annual doses above which a non-classified wearer should be considered for classification
    /// (IRR17 reg 21(1)): 6 mSv effective, 15 mSv lens, 150 mSv skin and extremities.
    public var classificationThresholds: QuantityLimits
    /// How a limit is reduced pro rata for the rest of the period after an overexposure (IRR17 reg 27).
    public var overexposureProRata: ProRataBasis
    /// How a notional dose's share of the annual limit is rounded to the micro-sievert.
    public var notionalRounding: DoseRounding

    /// Creates a table.
    public init(
        employee: QuantityLimits,
        trainee: QuantityLimits,
        otherPerson: QuantityLimits,
        fiveYear: FiveYearLimit,
        foetusBudget: Dose,
        formalInvestigationLevel: Dose,
        classificationThresholds: QuantityLimits,
        overexposureProRata: ProRataBasis = .days,
        notionalRounding: DoseRounding = .halfUp
    ) {
        self.employee = employee
        self.trainee = trainee
        self.otherPerson = otherPerson
        self.fiveYear = fiveYear
        self.foetusBudget = foetusBudget
        self.formalInvestigationLevel = formalInvestigationLevel
        self.classificationThresholds = classificationThresholds
        self.overexposureProRata = overexposureProRata
        self.notionalRounding = notionalRounding
    }

    /// The values in IRR17 and DOMAIN.md.
    public static let irr17 = DoseLimitsTable(
        employee: QuantityLimits(mSv: 20, 20, 500, 500),
        trainee: QuantityLimits(mSv: 6, 15, 150, 150),
        otherPerson: QuantityLimits(mSv: 1, 15, 50, 50),
        fiveYear: FiveYearLimit(total: Dose(microsieverts: 100_000), singleYear: Dose(microsieverts: 50_000)),
        foetusBudget: Dose(microsieverts: 1_000),
        formalInvestigationLevel: Dose(microsieverts: 15_000),
        // IRR17 reg 21(1) names these levels; they are 3/10 of the employee limits except for the lens,
        // where 15 mSv is 3/4 of the 20 mSv limit (3/10 would be 6 mSv).
        classificationThresholds: QuantityLimits(mSv: 6, 15, 150, 150)
    )

    /// The calendar-year limits for `workerClass`.
    public func annualLimits(for workerClass: WorkerClass) -> QuantityLimits {
        switch workerClass {
        case .employee: employee
        case .trainee: trainee
        case .otherPerson: otherPerson
        }
    }

    /// The calendar-year limit on `quantity` for `workerClass`.
    public func annualLimit(for workerClass: WorkerClass, _ quantity: LimitedQuantity) -> Dose {
        annualLimits(for: workerClass)[quantity]
    }

    /// The limit on `quantity` for `workerClass` in calendar year `year`: the annual limit, or the special
    /// case's single-year limit when `authorisation` covers an employee's `quantity` that year (the
    /// five-year total is then checked separately, with ``fiveYearLimit(for:_:year:authorisation:)``).
    public func limit(
        for workerClass: WorkerClass, _ quantity: LimitedQuantity, year: Int, authorisation: SpecialAuthorisation?
    ) -> Dose {
        if fiveYearPeriod(for: workerClass, quantity, year: year, authorisation: authorisation) != nil {
            return fiveYear.singleYear
        }
        return annualLimit(for: workerClass, quantity)
    }

    /// The five-year total limit and its five years, when `authorisation` covers an employee's `quantity`
    /// in `year`; otherwise `nil`.
    public func fiveYearLimit(
        for workerClass: WorkerClass, _ quantity: LimitedQuantity, year: Int, authorisation: SpecialAuthorisation?
    ) -> (limit: Dose, period: DosePeriod)? {
        fiveYearPeriod(for: workerClass, quantity, year: year, authorisation: authorisation).map {
            (fiveYear.total, $0)
        }
    }

    private func fiveYearPeriod(
        for workerClass: WorkerClass, _ quantity: LimitedQuantity, year: Int, authorisation: SpecialAuthorisation?
    ) -> DosePeriod? {
        // IRR17 reg 12(2): HSE can only authorise the special case for an employee (18 or over).
        guard workerClass == .employee, let authorisation, authorisation.covers(quantity, in: year) else {
            return nil
        }
        return authorisation.period
    }
}

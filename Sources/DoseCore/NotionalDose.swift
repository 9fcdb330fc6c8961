/// The notional dose entered when a dosemeter is lost, damaged or destroyed and there is not enough
/// information to estimate the dose: the proportion of the annual limit for the period (IRR17 reg 23(1)(a)(ii)).
public enum NotionalDose {
    /// The notional dose of `quantity` for a wearer of `workerClass` over `period`, from `limits`.
    ///
    /// A period of whole calendar months takes months/12 of the annual limit: 20 mSv × 1/12 = 1,666.67 µSv,
    /// entered as 1,667 µSv with the default half-up rounding; a quarter of 20 mSv is exactly 5,000 µSv.
    /// Any other period takes days/365 of it, counting both end days, whether or not the year is a leap year.
    public static func amount(
        for period: DosePeriod, quantity: LimitedQuantity, workerClass: WorkerClass,
        limits: DoseLimitsTable = .irr17
    ) -> Dose {
        share(of: limits.annualLimit(for: workerClass, quantity), for: period, rounding: limits.notionalRounding)
    }

    /// The share of `annualLimit` for `period`: months/12 for whole calendar months, otherwise days/365,
    /// rounded to the micro-sievert by `rounding`.
    public static func share(of annualLimit: Dose, for period: DosePeriod, rounding: DoseRounding) -> Dose {
        // Wear periods are calendar months, two months or quarters, and "the proportion of the annual limit
        // for the relevant period" (reg 23) is then a number of twelfths; months differ in length, so
        // counting their days would make February's notional dose smaller than March's.
        if let months = period.wholeMonths {
            return annualLimit.proportion(Int64(months), of: 12, rounding: rounding)
        }
        // An odd period has no whole-month share; a fixed 365-day year keeps equal periods equal.
        return annualLimit.proportion(Int64(period.days), of: 365, rounding: rounding)
    }
}

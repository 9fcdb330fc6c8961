/// How a pro-rata share of a dose is rounded to a whole micro-sievert.
public enum DoseRounding: String, CaseIterable, Sendable, Codable {
    /// To the nearest micro-sievert, halves up: 1,666.5 → 1,667, 1,666.4 → 1,666.
    case halfUp = "half-up"
    /// Down to the micro-sievert below: 1,666.9 → 1,666.
    case down
    /// Up to the micro-sievert above: 1,666.1 → 1,667.
    case up
}

extension Dose {
    /// This dose times `numerator` over `denominator`, in exact integer arithmetic, rounded by `rounding`:
    /// 20 mSv × 1/12 is 1,666.67 µSv, so 1,667 µSv half up and 1,666 µSv down.
    ///
    /// The dose and `numerator` must not be negative and `denominator` must be positive. A result beyond
    /// `Int64` (which no real dose reaches) saturates at `Int64.max` micro-sieverts.
    public func proportion(_ numerator: Int64, of denominator: Int64, rounding: DoseRounding) -> Dose {
        precondition(microsieverts >= 0 && numerator >= 0 && denominator > 0, "a proportion needs non-negatives")
        let divisor = UInt64(denominator)
        let product = UInt64(microsieverts).multipliedFullWidth(by: UInt64(numerator))
        // The quotient only fits 64 bits when the high word is below the divisor.
        guard product.high < divisor else { return Dose(microsieverts: .max) }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        let bump: Bool
        switch rounding {
        case .halfUp: bump = remainder >= divisor - remainder
        case .down: bump = false
        case .up: bump = remainder > 0
        }
        let rounded = quotient + (bump ? 1 : 0)
        guard rounded <= UInt64(Int64.max) else { return Dose(microsieverts: .max) }
        return Dose(microsieverts: Int64(rounded))
    }
}

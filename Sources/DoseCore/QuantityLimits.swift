/// One dose for each quantity IRR17 limits: a row of the limits table, a set of investigation levels or
/// classification thresholds.
public struct QuantityLimits: Hashable, Sendable, Codable {
    /// Effective dose.
    public var effective: Dose
    /// Equivalent dose to the lens of the eye.
    public var lens: Dose
    /// Equivalent dose to the skin, averaged over any 1 cm².
    public var skin: Dose
    /// Equivalent dose to the extremities.
    public var extremity: Dose

    /// Creates the row.
    public init(effective: Dose, lens: Dose, skin: Dose, extremity: Dose) {
        self.effective = effective
        self.lens = lens
        self.skin = skin
        self.extremity = extremity
    }

    /// Creates the row from whole millisieverts, e.g. `QuantityLimits(mSv: 20, 20, 500, 500)`.
    public init(mSv effective: Int64, _ lens: Int64, _ skin: Int64, _ extremity: Int64) {
        self.init(
            effective: Dose(microsieverts: effective * 1000), lens: Dose(microsieverts: lens * 1000),
            skin: Dose(microsieverts: skin * 1000), extremity: Dose(microsieverts: extremity * 1000))
    }

    /// The dose for `quantity`.
    public subscript(quantity: LimitedQuantity) -> Dose {
        get {
            switch quantity {
            case .effective: effective
            case .lens: lens
            case .skin: skin
            case .extremity: extremity
            }
        }
        set {
            switch quantity {
            case .effective: effective = newValue
            case .lens: lens = newValue
            case .skin: skin = newValue
            case .extremity: extremity = newValue
            }
        }
    }
}

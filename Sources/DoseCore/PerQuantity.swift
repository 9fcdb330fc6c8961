/// One value for each quantity IRR17 limits: effective dose, and equivalent dose to the lens, the skin and the
/// extremities. A row of the limits table, a set of classification thresholds or of investigation levels.
public struct PerQuantity<Value: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    /// Effective dose.
    public var effective: Value
    /// Equivalent dose to the lens of the eye.
    public var lens: Value
    /// Equivalent dose to the skin, averaged over any 1 cm².
    public var skin: Value
    /// Equivalent dose to the extremities.
    public var extremity: Value

    /// The value for `quantity`.
    public subscript(quantity: LimitedQuantity) -> Value {
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

/// A dose for each limited quantity: a row of the limits table or a set of classification thresholds.
public typealias QuantityLimits = PerQuantity<Dose>

extension PerQuantity where Value == Dose {
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
}

/// Investigation levels for some quantities: a calendar-year dose that, once exceeded, calls for an
/// investigation. A quantity left `nil` has no level of its own here.
public typealias InvestigationLevelSet = PerQuantity<Dose?>

extension PerQuantity where Value == Dose? {
    /// Creates the set; quantities not given have no level.
    public init(effective: Dose? = nil, lens: Dose? = nil, skin: Dose? = nil, extremity: Dose? = nil) {
        self.effective = effective
        self.lens = lens
        self.skin = skin
        self.extremity = extremity
    }
}

/// The dose quantity an entry of the dose of record states: which operational quantity was measured and
/// which part of the body it stands for.
public enum Quantity: String, CaseIterable, Sendable, Codable {
    /// Hp(10), photon and beta: the whole-body ("deep", DDE) dose that stands for effective dose.
    case effective
    /// Hp(10) from neutrons, recorded separately where a neutron dosemeter is worn; it adds to effective dose.
    case neutron
    /// Hp(0.07) from a whole-body badge: the ("shallow", SDE) dose to the skin.
    case skin
    /// Hp(0.07) from a ring or fingerstall: the dose to the hands, forearms, feet or ankles.
    case extremity
    /// Hp(3): the dose to the lens of the eye (LDE).
    case lens

    /// The ICRU operational quantity measured, e.g. `Hp(10)`.
    public var operationalQuantity: String {
        switch self {
        case .effective, .neutron: "Hp(10)"
        case .skin, .extremity: "Hp(0.07)"
        case .lens: "Hp(3)"
        }
    }

    /// The quantity whose dose limit this dose counts against.
    public var limited: LimitedQuantity {
        switch self {
        case .effective, .neutron: .effective
        case .skin: .skin
        case .extremity: .extremity
        case .lens: .lens
        }
    }
}

/// A quantity that IRR17 Schedule 3 sets a dose limit for.
public enum LimitedQuantity: String, CaseIterable, Sendable, Codable {
    /// Effective dose (whole body).
    case effective
    /// Equivalent dose to the lens of the eye.
    case lens
    /// Equivalent dose to the skin, averaged over any 1 cm².
    case skin
    /// Equivalent dose to the extremities.
    case extremity

    /// The recorded quantities whose doses add up to this one: effective dose is Hp(10) photon plus neutron.
    public var contributors: Set<Quantity> {
        Set(Quantity.allCases.filter { $0.limited == self })
    }
}

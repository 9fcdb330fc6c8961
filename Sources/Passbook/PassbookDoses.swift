import DoseCore

/// One dose per operational quantity a passbook records, each `nil` when that quantity was not monitored (which
/// a passbook must not show as zero).
///
/// The quantities are those of ``Quantity/operationalQuantity``: Hp(10) stands for effective dose
/// (``Quantity/effective`` with ``Quantity/neutron``), Hp(0.07) for the skin or extremities (``Quantity/skin``,
/// ``Quantity/extremity``), Hp(3) for the lens of the eye (``Quantity/lens``).
public struct PassbookDoses: Sendable, Hashable {
    /// Hp(10), whole body.
    public let hp10: Dose?
    /// Hp(0.07), skin or extremity.
    public let hp007: Dose?
    /// Hp(3), lens of the eye.
    public let hp3: Dose?

    /// The doses; ranges are checked by ``PassbookEntry``.
    public init(hp10: Dose?, hp007: Dose?, hp3: Dose?) {
        self.hp10 = hp10
        self.hp007 = hp007
        self.hp3 = hp3
    }

    /// The three doses, Hp(10), Hp(0.07), Hp(3), in the order the file and the signed bytes carry them.
    var all: [Dose?] { [hp10, hp007, hp3] }

    /// The file keys for the three doses, in ``all``'s order.
    static let keys = ["hp10", "hp0.07", "hp3"]
}

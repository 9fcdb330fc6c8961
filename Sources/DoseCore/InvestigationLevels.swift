/// One organisation's investigation levels (IRR17 reg 9(8)): its own levels, and levels for groups of its
/// wearers (a department, a staff group) that take precedence for the quantities they set.
public struct InvestigationLevels: Hashable, Sendable, Codable {
    /// The organisation's levels.
    public var organisation: InvestigationLevelSet
    /// Levels for named groups, overriding the organisation's for the quantities they set.
    public var groups: [String: InvestigationLevelSet]

    /// Creates the levels.
    public init(
        organisation: InvestigationLevelSet = InvestigationLevelSet(), groups: [String: InvestigationLevelSet] = [:]
    ) {
        self.organisation = organisation
        self.groups = groups
    }

    /// The common local levels: 6 mSv effective, 15 mSv lens, 150 mSv extremities.
    public static let commonLocal = InvestigationLevels(
        organisation: InvestigationLevelSet(
            effective: Dose(microsieverts: 6_000), lens: Dose(microsieverts: 15_000),
            extremity: Dose(microsieverts: 150_000)))

    /// The level for `quantity` for a wearer in `group` (or in no group): the group's level, else the
    /// organisation's. For effective dose, never above the formal level in `limits` (15 mSv), which applies
    /// even when the organisation set none. `nil` when no level applies.
    public func level(
        for quantity: LimitedQuantity, group: String? = nil, limits: DoseLimitsTable = .irr17
    ) -> Dose? {
        let local = group.flatMap { groups[$0]?[quantity] } ?? organisation[quantity]
        guard quantity == .effective else { return local }
        // IRR17 reg 9(8): the formal level, or a lower level the employer sets; a higher one is ignored.
        return min(local ?? limits.formalInvestigationLevel, limits.formalInvestigationLevel)
    }
}

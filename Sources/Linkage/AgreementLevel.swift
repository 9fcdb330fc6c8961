/// How far two values agree, from a comparator. Each comparator documents which levels it uses; the levels are
/// categories for Fellegi–Sunter (1969), each with its own m- and u-probability, so their order carries no
/// arithmetic meaning beyond "exact first".
public enum AgreementLevel: Int, CaseIterable, Hashable, Comparable, Sendable {
    /// Identical after normalisation.
    case exact = 0
    /// The same value written another way: a nickname, day and month swapped, one transposition in a NINO.
    case equivalent = 1
    /// Nearly the same: a small typo.
    case close = 2
    /// Partly the same: a larger typo, the same postcode district, one date component off.
    case partial = 3
    /// Different.
    case different = 4
    /// One side or both has no value; the field says nothing about the pair.
    case missing = 5

    /// Orders by strength of agreement, exact first and missing last.
    public static func < (lhs: AgreementLevel, rhs: AgreementLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The number of levels that carry evidence (all but ``missing``).
    static let evidenceCount = 5
}

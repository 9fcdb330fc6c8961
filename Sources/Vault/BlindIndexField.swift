/// A field that gets a blind index: its stable name (which keys it), its width, and whether it is too guessable
/// to be indexed on its own (DESIGN.md §4).
public struct BlindIndexField: Sendable, Hashable {
    /// Stable name; it is the HKDF `info` for the field key, so renaming a field changes all its indexes.
    public var name: String
    /// Index width in bits, 1...64, normally from ``BlindIndexPlanner/bits(forPopulation:inputDomainBits:otherIndexBits:)``.
    public var bits: Int
    /// True for fields such as date of birth or sex, which a dictionary attack enumerates at once;
    /// ``BlindIndexer`` refuses them.
    public var isLowEntropy: Bool

    /// Describes a field; ``BlindIndexer/index(_:field:context:)`` validates it.
    public init(name: String, bits: Int, isLowEntropy: Bool = false) {
        self.name = name
        self.bits = bits
        self.isLowEntropy = isLowEntropy
    }

    /// The same field under another name, so it gets its own key and unrelated indexes.
    public func renamed(_ name: String) -> BlindIndexField {
        var copy = self
        copy.name = name
        return copy
    }

    /// Entropy of a normalised NINO: 373 valid two-letter prefixes (HMRC excludes D, F, I, Q, U, V, O as second
    /// letter and a few pairs) times 10^6 digit strings; the A–D suffix is not identifying and is left out.
    public static let ninoInputDomainBits = 28.47

    /// Entropy assumed for staff numbers: up to eight digits, the common shape in customer payroll systems.
    public static let staffNumberInputDomainBits = 26.57

    /// The NINO index (global, so one person's records at several employers link), sized for `expectedPopulation`
    /// people.
    public static func nino(expectedPopulation: Int) throws(VaultError) -> BlindIndexField {
        BlindIndexField(
            name: "people.nino",
            bits: try BlindIndexPlanner.bits(forPopulation: expectedPopulation, inputDomainBits: ninoInputDomainBits)
        )
    }

    /// The staff-number index (pass the organisation id as `context` when indexing), sized for
    /// `expectedPopulation` employments.
    public static func staffNumber(expectedPopulation: Int) throws(VaultError) -> BlindIndexField {
        BlindIndexField(
            name: "employments.staff_number",
            bits: try BlindIndexPlanner.bits(
                forPopulation: expectedPopulation,
                inputDomainBits: staffNumberInputDomainBits
            )
        )
    }
}

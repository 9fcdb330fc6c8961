/// An exact radiation dose, held as whole micro-sieverts so sums never drift the way binary floating
/// point does. Codable as the integer number of micro-sieverts.
public struct Dose: Hashable, Comparable, Sendable, Codable {
    /// The dose in micro-sieverts (1 mSv = 1,000 µSv).
    public let microsieverts: Int64

    /// No dose.
    public static let zero = Dose(microsieverts: 0)

    /// The largest dose a reading or entry may state: 10 Sv, far beyond any survivable exposure.
    public static let maximumReading = Dose(microsieverts: 10_000_000)

    /// Creates a dose of `microsieverts`.
    public init(microsieverts: Int64) {
        self.microsieverts = microsieverts
    }

    /// Orders by amount.
    public static func < (lhs: Dose, rhs: Dose) -> Bool {
        lhs.microsieverts < rhs.microsieverts
    }

    /// The sum; traps on overflow like integer `+`. Use ``adding(_:)`` for sums of untrusted values.
    public static func + (lhs: Dose, rhs: Dose) -> Dose {
        Dose(microsieverts: lhs.microsieverts + rhs.microsieverts)
    }

    /// The sum, or an error if it overflows.
    public func adding(_ other: Dose) throws(ValidationError) -> Dose {
        let (sum, overflow) = microsieverts.addingReportingOverflow(other.microsieverts)
        guard !overflow else { throw ValidationError(field: "dose", reason: "the total dose is too large") }
        return Dose(microsieverts: sum)
    }

    /// The sum of `doses`, or an error if it overflows.
    public static func sum(_ doses: some Sequence<Dose>) throws(ValidationError) -> Dose {
        var total = Dose.zero
        for dose in doses {
            total = try total.adding(dose)
        }
        return total
    }

    /// Decodes from an integer number of micro-sieverts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        microsieverts = try container.decode(Int64.self)
    }

    /// Encodes as an integer number of micro-sieverts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(microsieverts)
    }
}

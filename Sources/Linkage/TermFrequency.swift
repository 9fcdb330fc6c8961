/// Term-frequency adjustment of exact name agreement: two records that agree on a rare surname are more likely
/// the same person than two that agree on `Jones`. Winkler's frequency-based matching (Winkler 1989, "Frequency-
/// based matching in Fellegi–Sunter model of record linkage"), in the form Splink uses: the u-probability of an
/// exact agreement on value v is taken as v's share of records, tf(v), instead of the average agreement rate
/// Σ tf², which adds log2(Σ tf² / tf(v)) to the pair's weight (tf and Σ tf² counted over distinct records).
struct TermFrequency: Sendable {
    /// The adjustment in bits, by value id, for forenames and for surnames.
    let forename: [Double]
    let surname: [Double]

    // Bounds the adjustment so one extremely rare or common name cannot decide a pair on its own.
    static let limit = 6.0

    init(records: PreparedRecords) {
        forename = Self.adjustments(records.forenameFrequency)
        surname = Self.adjustments(records.surnameFrequency)
    }

    /// The adjustment for names that agreed exactly (value ids, `-1` for none). When they agreed crosswise
    /// (`swapped`) either record may be the one written the wrong way round, so each value counts as the more
    /// common of its two readings, forename or surname: a swap must not make a common name count as rare.
    func adjustment(forename: Int32, surname: Int32, swapped: Bool) -> Double {
        func value(_ id: Int32, _ own: [Double], _ other: [Double]) -> Double {
            guard id >= 0 else { return 0 }
            return swapped ? min(own[Int(id)], other[Int(id)]) : own[Int(id)]
        }
        return value(forename, self.forename, self.surname) + value(surname, self.surname, self.forename)
    }

    private static func adjustments(_ counts: [Int32]) -> [Double] {
        let total = Double(counts.reduce(0) { $0 + Int($1) })
        guard total > 1 else { return counts.map { _ in 0 } }
        // The same rates ModelEstimation counts: agreement of two distinct random records.
        var agreeing = 0.0
        for count in counts where count > 1 { agreeing += Double(count) * Double(count - 1) }
        let average = max(agreeing, 0.5) / (total * (total - 1))
        return counts.map { count in
            guard count > 1 else { return 0 }
            let share = Double(count - 1) / (total - 1)
            return min(limit, max(-limit, Math.log2(average / share)))
        }
    }
}

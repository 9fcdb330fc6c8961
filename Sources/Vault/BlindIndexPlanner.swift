/// Chooses blind-index widths by CipherSweet's rule (paragonie/ciphersweet, "Blind Index Planning").
///
/// A blind index of L bits over R rows makes each lookup return about C = R / 2^L rows by coincidence
/// (plus the real match). CipherSweet keeps 2 ≤ C < √R:
/// - C ≥ 2: every index value is shared by at least two rows, so the index alone never singles a person out and
///   an attacker with the database cannot confirm a guessed value against one row;
/// - C < √R: a lookup still narrows R rows to fewer than √R candidates, which are then opened and compared.
/// Several indexes on the same rows (`otherIndexBits`) combine, so their widths add up against the same bound.
/// Indexing more bits than the input has entropy adds no selectivity, so L is capped at the input domain.
///
/// This picks the largest L satisfying both, i.e. L = ⌊log₂ R⌋ − 1 − otherIndexBits:
/// - R = 10^6: ⌊log₂ R⌋ = 19, L = 18, C = 10^6 / 2^18 ≈ 3.8 (bound: 2 ≤ C < 1,000);
/// - R = 2·10^6: ⌊log₂ R⌋ = 20, L = 19, C ≈ 3.8 (bound: 2 ≤ C < 1,414).
/// A 64-bit index, by contrast, would give C ≈ 10^-13: unique per person, a perfect oracle for guessed NINOs.
public enum BlindIndexPlanner {
    /// The widest index for `population` rows that keeps 2 ≤ C < √R, capped at `inputDomainBits`.
    ///
    /// ``VaultError/populationTooSmall`` when no width satisfies the bound (fewer than 8 rows, or other indexes
    /// already use the room); ``VaultError/lowEntropyField`` when the input domain has under one bit;
    /// ``VaultError/invalidIndexBits`` for negative `otherIndexBits`.
    public static func bits(
        forPopulation population: Int,
        inputDomainBits: Double = 64,
        otherIndexBits: Int = 0
    ) throws(VaultError) -> Int {
        guard otherIndexBits >= 0 else { throw .invalidIndexBits }
        guard inputDomainBits >= 1 else { throw .lowEntropyField }
        guard population > 0 else { throw .populationTooSmall }
        // Exact integer arithmetic: C ≥ 2 ⇔ 2^(L+o+1) ≤ R ⇔ L + o + 1 ≤ ⌊log₂ R⌋.
        let floorLog2 = Int.bitWidth - 1 - population.leadingZeroBitCount
        let largest = floorLog2 - 1 - otherIndexBits
        guard largest >= 1, coincidencesBelowSquareRoot(population: population, totalBits: largest + otherIndexBits)
        else { throw .populationTooSmall }
        // Capping only lowers L, which raises C: still ≥ 2, just less selective.
        let domainCap = inputDomainBits >= 64 ? 64 : Int(inputDomainBits.rounded(.down))
        return min(largest, domainCap)
    }

    /// Expected coincidences per lookup, R / 2^(L + otherIndexBits), for documentation and checks.
    public static func expectedCoincidences(population: Int, bits: Int, otherIndexBits: Int = 0) -> Double {
        Double(population) / Double(sign: .plus, exponent: bits + otherIndexBits, significand: 1)
    }

    // C < √R ⇔ R / 2^t < √R ⇔ R < 2^(2t), checked without floating point.
    private static func coincidencesBelowSquareRoot(population: Int, totalBits: Int) -> Bool {
        let exponent = 2 * totalBits
        return exponent >= Int.bitWidth - 1 || population < (1 << exponent)
    }
}

/// Fits a ``FellegiSunterModel`` without labels by expectation–maximisation over the comparison patterns of the
/// candidate pairs (Winkler 1988, "Using the EM algorithm for weight computation in the Fellegi–Sunter model of
/// record linkage"; Christen, "Data Matching", §6.4).
///
/// Pairs are counted by pattern first, so each iteration costs one pass over the distinct patterns (thousands)
/// rather than over the pairs (millions).
public enum ExpectationMaximisation {
    /// Runs EM from `initial` until no probability moves by more than `tolerance` or `maximumIterations` pass.
    /// When `fixU` is set the u-probabilities stay as given (estimated from random pairs, as Splink does) and only
    /// λ and m are fitted.
    public static func fit(
        patterns: [ComparisonPattern: Int],
        initial: FellegiSunterModel,
        maximumIterations: Int = 500,
        tolerance: Double = 1e-7,
        fixU: Bool = false
    ) -> FellegiSunterModel {
        let fields = ComparisonField.allCases.count
        let levelCount = AgreementLevel.evidenceCount
        let sorted = patterns.sorted { $0.key.code < $1.key.code }
        let counts = sorted.map { Double($0.value) }
        let total = counts.reduce(0, +)
        guard total > 0 else { return initial }
        // levels[p * fields + f]: the level index of field f in pattern p (levelCount for missing).
        let levels: [Int] = sorted.flatMap { entry in entry.key.levels.map(\.rawValue) }
        var model = initial
        var iteration = 0
        var converged = false
        while iteration < maximumIterations {
            iteration += 1
            let logM = model.m.map { $0.map { Math.log(max($0, FellegiSunterModel.floor)) } }
            let logU = model.u.map { $0.map { Math.log(max($0, FellegiSunterModel.floor)) } }
            let lambda = min(max(model.matchProportion, 1e-12), 1 - 1e-12)
            var mSums = [[Double]](repeating: [Double](repeating: 0, count: levelCount), count: fields)
            var uSums = mSums
            var matchTotal = 0.0
            for p in 0..<counts.count {
                // E-step: the posterior match probability of this pattern, in log space to avoid underflow.
                var logRatio = Math.log(lambda) - Math.log(1 - lambda)
                for f in 0..<fields {
                    let level = levels[p * fields + f]
                    if level < levelCount { logRatio += logM[f][level] - logU[f][level] }
                }
                let g = 1 / (1 + Math.exp(-logRatio))
                let matchWeight = counts[p] * g
                let nonMatchWeight = counts[p] - matchWeight
                matchTotal += matchWeight
                for f in 0..<fields {
                    let level = levels[p * fields + f]
                    guard level < levelCount else { continue }
                    mSums[f][level] += matchWeight
                    uSums[f][level] += nonMatchWeight
                }
            }
            // M-step: each field's levels are re-estimated among the pairs where that field is present.
            var next = model
            next.matchProportion = matchTotal / total
            // Ten pseudo-pairs spread like u: a level no match showed gets a large negative weight, not an
            // infinite one, so one keying error in sex or a date cannot veto a pair on its own.
            next.m = zip(mSums, model.u).map { sums, u in
                normalised(zip(sums, u).map { $0 + priorPairs * $1 })
            }
            if !fixU { next.u = uSums.map(normalised) }
            let change = maximumChange(model, next)
            model = next
            if change < tolerance {
                converged = true
                break
            }
        }
        model.iterations = iteration
        model.converged = converged
        return model
    }

    /// Default starting m-probabilities: identifiers that rarely change agree exactly in most true matches;
    /// contact details, which change when people move, less often.
    public static func priorM(for field: ComparisonField) -> [Double] {
        switch field {
        case .forename, .surname, .dateOfBirth, .nino, .staffNumberSameOrganisation:
            [0.85, 0.04, 0.04, 0.03, 0.04]
        case .sex:
            [0.95, 0, 0, 0, 0.05]
        case .staffNumberOtherOrganisation, .location, .email, .phone:
            [0.55, 0.05, 0.05, 0.05, 0.30]
        }
    }

    static let priorPairs = 10.0

    private static func normalised(_ sums: [Double]) -> [Double] {
        let total = sums.reduce(0, +)
        guard total > 0 else { return sums.map { _ in 0 } }
        return sums.map { $0 / total }
    }

    private static func maximumChange(_ a: FellegiSunterModel, _ b: FellegiSunterModel) -> Double {
        var change = abs(a.matchProportion - b.matchProportion)
        for f in a.m.indices {
            for l in a.m[f].indices {
                change = max(change, abs(a.m[f][l] - b.m[f][l]), abs(a.u[f][l] - b.u[f][l]))
            }
        }
        return change
    }
}

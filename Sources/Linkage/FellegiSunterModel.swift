/// A Fellegi–Sunter (1969) model: for each field and agreement level, the probability m of that level among
/// true matches and u among non-matches, and the proportion λ of matches among the pairs compared.
///
/// Fields are taken as conditionally independent given match status (the paper's assumption), so the match
/// weight of a pair is the sum of log2(m/u) over its fields; a missing value contributes 0.
public struct FellegiSunterModel: Hashable, Sendable {
    /// λ: the proportion of compared pairs that are matches.
    public var matchProportion: Double
    /// m[field][level]: P(level | match), for the five evidence levels of ``AgreementLevel``.
    public var m: [[Double]]
    /// u[field][level]: P(level | non-match).
    public var u: [[Double]]
    /// The EM iterations run to fit this model (0 when given directly).
    public var iterations: Int
    /// Whether EM stopped because the parameters stopped moving, rather than at the iteration limit.
    public var converged: Bool

    /// Creates a model.
    public init(matchProportion: Double, m: [[Double]], u: [[Double]], iterations: Int = 0, converged: Bool = true) {
        self.matchProportion = matchProportion
        self.m = m
        self.u = u
        self.iterations = iterations
        self.converged = converged
    }

    /// The match weight log2(m/u) of `level` on `field`; 0 for ``AgreementLevel/missing`` or a level neither class
    /// ever showed.
    public func weight(_ field: ComparisonField, _ level: AgreementLevel) -> Double {
        guard level != .missing else { return 0 }
        let mValue = m[field.rawValue][level.rawValue]
        let uValue = u[field.rawValue][level.rawValue]
        guard mValue > Self.floor || uValue > Self.floor else { return 0 }
        return Math.log2(max(mValue, Self.floor) / max(uValue, Self.floor))
    }

    /// The total match weight of a pattern: the sum of its field weights.
    public func weight(_ pattern: ComparisonPattern) -> Double {
        var total = 0.0
        var code = pattern.code
        for field in ComparisonField.allCases {
            let level = AgreementLevel(rawValue: Int(code % ComparisonPattern.radix)) ?? .missing
            code /= ComparisonPattern.radix
            total += weight(field, level)
        }
        return total
    }

    /// The prior log-odds of a match, log2(λ / (1 − λ)).
    public var priorLogOdds: Double {
        let lambda = min(max(matchProportion, 1e-12), 1 - 1e-12)
        return Math.log2(lambda / (1 - lambda))
    }

    /// The posterior probability of a match given a total weight (pattern weight plus any adjustment).
    public func probability(weight: Double) -> Double {
        1 / (1 + Math.exp2(-(priorLogOdds + weight)))
    }

    /// The total weight at or above which the posterior probability is at least `probability`.
    public func threshold(forProbability probability: Double) -> Double {
        let p = min(max(probability, 1e-12), 1 - 1e-12)
        return Math.log2(p / (1 - p)) - priorLogOdds
    }

    // Below this a probability is treated as zero, so an unseen level cannot produce an infinite weight.
    static let floor = 1e-9
}

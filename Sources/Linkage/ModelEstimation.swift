/// Fits the model a cleanse scores pairs with.
///
/// m comes from EM over the candidate pairs, where nearly every true match is (Winkler 1988). u and the prior
/// come from the whole population instead: blocking made the candidates agree on their keys far more often than
/// two random records do, and a weight measured against those non-matches would undervalue exactly the agreements
/// blocking selected for. So u is measured on random pairs, with each field's exact-agreement rate counted from
/// value frequencies (Σ c(c − 1) over N(N − 1), so a rare level is not left to a sample), and the prior is the
/// matches EM found among the candidates spread over all pairs. This is the Fellegi–Sunter model of the whole
/// file, which blocking only makes cheap to apply, as in Splink's training.
enum ModelEstimation {
    struct Fit {
        /// The model pairs are scored with: EM's m, population u and prior.
        var scoring: FellegiSunterModel
        /// The model EM fitted on the candidate pairs alone.
        var candidates: FellegiSunterModel
    }

    static func fit(
        _ counts: [ComparisonPattern: Int], candidateCount: Int, records: PreparedRecords, comparer: PairComparer,
        options: CleanseOptions
    ) -> Fit {
        let people = (0..<records.count).filter { !records.isDummy[$0] }
        var u = randomU(people: people, records: records, comparer: comparer, options: options)
        let initial = FellegiSunterModel(
            matchProportion: 0.1, m: ComparisonField.allCases.map(ExpectationMaximisation.priorM), u: u)
        let candidates = ExpectationMaximisation.fit(
            patterns: counts, initial: initial, maximumIterations: options.maximumIterations)
        // Matches EM found, per field: how many agreed exactly and how many had the field on both sides. They are
        // taken out of the population's agreeing pairs, which would otherwise count a person's own duplicates
        // (most pairs sharing a NINO) as chance agreement.
        var matchedExact = [Double](repeating: 0, count: ComparisonField.allCases.count)
        var matchedPresent = matchedExact
        // In code order: a dictionary's order differs between instances, and sums of doubles depend on order.
        for (pattern, count) in counts.sorted(by: { $0.key.code < $1.key.code }) {
            let g = candidates.probability(weight: candidates.weight(pattern)) * Double(count)
            for field in ComparisonField.allCases {
                let level = pattern.level(field)
                if level == .exact { matchedExact[field.rawValue] += g }
                if level != .missing { matchedPresent[field.rawValue] += g }
            }
        }
        for (field, agreeing, present) in exactAgreementCounts(people: people, records: records) {
            let exact =
                max(agreeing - matchedExact[field.rawValue], 0.5)
                / max(present - matchedPresent[field.rawValue], 1)
            u[field.rawValue] = withExactRate(u[field.rawValue], min(exact, 0.999))
        }
        let allPairs = Double(people.count) * Double(max(0, people.count - 1)) / 2
        let matches = candidates.matchProportion * Double(candidateCount)
        let scoring = FellegiSunterModel(
            matchProportion: allPairs > 0 ? min(0.5, max(matches, 1) / allPairs) : 0.5, m: candidates.m, u: u,
            iterations: candidates.iterations, converged: candidates.converged)
        return Fit(scoring: scoring, candidates: candidates)
    }

    /// u from record pairs drawn at random, or from every pair once when there are no more pairs than the sample.
    static func randomU(
        people: [Int], records: PreparedRecords, comparer: PairComparer, options: CleanseOptions
    ) -> [[Double]] {
        let fields = ComparisonField.allCases
        // Half a pair in every level: an unseen level gets a small probability, not zero.
        var tallies = [[Double]](
            repeating: [Double](repeating: 0.5, count: AgreementLevel.evidenceCount), count: fields.count)
        if people.count > 1 {
            let sample: [(Int, Int)]
            if people.count * (people.count - 1) / 2 <= options.randomPairSample {
                // A small file's own pairs, each once, are its exact u, and cheaper than drawing the full sample
                // from them again and again.
                sample = people.indices.flatMap { first in
                    people[(first + 1)...].map { (people[first], $0) }
                }
            } else {
                var generator = SplitMix64(seed: options.seed)
                sample = (0..<options.randomPairSample).map { _ in
                    (
                        people[Int(generator.next() % UInt64(people.count))],
                        people[Int(generator.next() % UInt64(people.count))]
                    )
                }
            }
            let patterns = ParallelMap.map(count: sample.count, threads: options.threads) { index in
                let (i, j) = sample[index]
                return i == j ? nil : comparer.compare(i, j).pattern
            }
            for pattern in patterns.compactMap(\.self) {
                for field in fields {
                    let level = pattern.level(field)
                    if level != .missing { tallies[field.rawValue][level.rawValue] += 1 }
                }
            }
        }
        return tallies.map { row in row.map { $0 / row.reduce(0, +) } }
    }

    // Keeps the sampled shape of the other levels, rescaled around a counted exact rate.
    private static func withExactRate(_ row: [Double], _ exact: Double) -> [Double] {
        var row = row
        let rest = row.dropFirst().reduce(0, +)
        guard rest > 0 else { return row }
        row[0] = exact
        for level in 1..<row.count { row[level] = row[level] / rest * (1 - exact) }
        return row
    }

    /// Per field where values are interned: the unordered record pairs that agree exactly, and those where both
    /// have the field.
    private static func exactAgreementCounts(people: [Int], records: PreparedRecords)
        -> [(ComparisonField, Double, Double)]
    {
        func pairs(_ counts: some Sequence<Int>) -> Double {
            counts.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
        }
        func counts(_ values: [Int32], missing: Int32 = -1) -> (Double, Double) {
            var byValue: [Int32: Int] = [:]
            var present = 0
            for index in people where values[index] != missing {
                byValue[values[index], default: 0] += 1
                present += 1
            }
            return (pairs(byValue.values), pairs([present]))
        }
        var result: [(ComparisonField, Double, Double)] = []
        let simple: [(ComparisonField, [Int32], Int32)] = [
            (.forename, records.forename, -1), (.surname, records.surname, -1),
            (.dateOfBirth, records.dateOfBirth, 0), (.nino, records.nino, -1), (.email, records.email, -1),
            (.phone, records.phone, -1),
        ]
        for (field, values, missing) in simple {
            let (agreeing, present) = counts(values, missing: missing)
            if present > 0 { result.append((field, agreeing, present)) }
        }
        // Staff numbers: pairs within one organisation and pairs across organisations counted apart.
        var withinValue: [Int64: Int] = [:]
        var withinOrganisation: [Int32: Int] = [:]
        var anyValue: [Int32: Int] = [:]
        var present = 0
        for index in people where records.staffNumber[index] >= 0 {
            let organisation = records.organisation[index]
            withinValue[Int64(organisation) << 32 | Int64(records.staffNumber[index]), default: 0] += 1
            withinOrganisation[organisation, default: 0] += 1
            anyValue[records.staffNumber[index], default: 0] += 1
            present += 1
        }
        let sameValueSameOrganisation = pairs(withinValue.values)
        let sameOrganisation = pairs(withinOrganisation.values)
        if sameOrganisation > 0 {
            result.append((.staffNumberSameOrganisation, sameValueSameOrganisation, sameOrganisation))
        }
        let otherOrganisation = pairs([present]) - sameOrganisation
        if otherOrganisation > 0 {
            result.append(
                (.staffNumberOtherOrganisation, pairs(anyValue.values) - sameValueSameOrganisation, otherOrganisation))
        }
        return result
    }
}

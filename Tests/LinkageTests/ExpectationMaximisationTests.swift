import Testing

@testable import Linkage

@Suite("Fellegi–Sunter with EM")
struct ExpectationMaximisationTests {
    // Known parameters for four fields; the other fields are missing in every pair.
    static let fields: [ComparisonField] = [.forename, .surname, .dateOfBirth, .nino]
    static let trueM: [[Double]] = [
        [0.80, 0.08, 0.06, 0.03, 0.03], [0.85, 0.02, 0.06, 0.02, 0.05], [0.90, 0.02, 0.05, 0.01, 0.02],
        [0.95, 0.03, 0.01, 0.00, 0.01],
    ]
    static let trueU: [[Double]] = [
        [0.02, 0.01, 0.02, 0.05, 0.90], [0.01, 0.00, 0.01, 0.03, 0.95], [0.003, 0.001, 0.01, 0.03, 0.956],
        [0.0001, 0.0001, 0.0001, 0.0001, 0.9996],
    ]
    static let trueLambda = 0.15

    static func draw(_ probabilities: [Double], _ generator: inout SplitMix64) -> Int {
        let roll = Double(generator.next() >> 11) / Double(1 << 53)
        var total = 0.0
        for (level, probability) in probabilities.enumerated() {
            total += probability
            if roll < total { return level }
        }
        return probabilities.count - 1
    }

    static func syntheticPatterns(pairs: Int, seed: UInt64) -> [ComparisonPattern: Int] {
        var generator = SplitMix64(seed: seed)
        var counts: [ComparisonPattern: Int] = [:]
        for _ in 0..<pairs {
            let isMatch = Double(generator.next() >> 11) / Double(1 << 53) < trueLambda
            var levels = [AgreementLevel](repeating: .missing, count: ComparisonField.allCases.count)
            for (index, field) in fields.enumerated() {
                let level = draw(isMatch ? trueM[index] : trueU[index], &generator)
                levels[field.rawValue] = AgreementLevel(rawValue: level) ?? .missing
            }
            counts[ComparisonPattern(levels: levels), default: 0] += 1
        }
        return counts
    }

    @Test("EM recovers known m, u and λ from unlabelled pairs")
    func recoversParameters() {
        // setup
        let counts = Self.syntheticPatterns(pairs: 200_000, seed: 42)
        let initial = FellegiSunterModel(
            matchProportion: 0.5, m: ComparisonField.allCases.map(ExpectationMaximisation.priorM),
            u: ComparisonField.allCases.map { _ in [0.05, 0.05, 0.05, 0.05, 0.8] })
        // MUT
        let model = ExpectationMaximisation.fit(patterns: counts, initial: initial)
        // validate
        #expect(model.converged)
        #expect(abs(model.matchProportion - Self.trueLambda) < 0.005)
        for (index, field) in Self.fields.enumerated() {
            for level in 0..<AgreementLevel.evidenceCount {
                #expect(abs(model.m[field.rawValue][level] - Self.trueM[index][level]) < 0.015, "m \(field) \(level)")
                #expect(abs(model.u[field.rawValue][level] - Self.trueU[index][level]) < 0.01, "u \(field) \(level)")
            }
        }
    }

    @Test("Weights are log2(m/u); the threshold gives the asked posterior")
    func weightsAndThreshold() {
        let model = FellegiSunterModel(
            matchProportion: 0.01,
            m: ComparisonField.allCases.map { _ in [0.9, 0.025, 0.025, 0.025, 0.025] },
            u: ComparisonField.allCases.map { _ in [0.01, 0.01, 0.01, 0.01, 0.96] })
        #expect(abs(model.weight(.surname, .exact) - 6.4919) < 0.001)
        #expect(model.weight(.surname, .missing) == 0)
        let threshold = model.threshold(forProbability: 0.95)
        #expect(abs(model.probability(weight: threshold) - 0.95) < 1e-9)
        let levels = ComparisonField.allCases.map { $0 == .nino ? AgreementLevel.exact : .missing }
        #expect(abs(model.weight(ComparisonPattern(levels: levels)) - model.weight(.nino, .exact)) < 1e-12)
    }

    @Test("Patterns pack and unpack every field's level")
    func patterns() {
        let levels = ComparisonField.allCases.map { AgreementLevel.allCases[$0.rawValue % 6] }
        let pattern = ComparisonPattern(levels: levels)
        #expect(pattern.levels == levels)
        #expect(pattern.level(.dateOfBirth) == levels[ComparisonField.dateOfBirth.rawValue])
    }

    @Test("With fewer record pairs than the random sample, u is counted over every pair exactly once")
    func smallPopulationU() {
        // setup
        let set = SyntheticLinkageSet(recordCount: 40, seed: 9)
        let records = PreparedRecords(set.records, detector: DummyDetector(), threads: 1)
        let comparer = PairComparer(records: records)
        let people = (0..<records.count).filter { !records.isDummy[$0] }
        var expected = [[Double]](
            repeating: [Double](repeating: 0.5, count: AgreementLevel.evidenceCount),
            count: ComparisonField.allCases.count)
        for (position, i) in people.enumerated() {
            for j in people[(position + 1)...] {
                let pattern = comparer.compare(i, j).pattern
                for field in ComparisonField.allCases where pattern.level(field) != .missing {
                    expected[field.rawValue][pattern.level(field).rawValue] += 1
                }
            }
        }
        expected = expected.map { row in row.map { $0 / row.reduce(0, +) } }
        // MUT
        let u = ModelEstimation.randomU(
            people: people, records: records, comparer: comparer, options: CleanseOptions())
        // validate
        for (row, expectedRow) in zip(u, expected) {
            for (value, expectedValue) in zip(row, expectedRow) { #expect(abs(value - expectedValue) < 1e-12) }
        }
    }
}

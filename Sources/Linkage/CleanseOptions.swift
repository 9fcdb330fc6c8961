/// The settings of one cleanse run. The defaults are the ones the tests and benchmarks use.
public struct CleanseOptions: Hashable, Sendable {
    /// Candidate-pair generation.
    public var blocking: BlockingOptions
    /// What counts as a dummy.
    public var dummyRules: DummyRules
    /// A pair is accepted as the same person when the fitted model gives it at least this posterior
    /// probability.
    public var matchProbability: Double
    /// Whether exact agreement on a rare name counts for more than on a common one (``TermFrequency``).
    public var termFrequencyAdjustment: Bool
    /// How many random record pairs start u (Winkler's and Splink's initialisation).
    public var randomPairSample: Int
    /// The EM iteration limit.
    public var maximumIterations: Int
    /// The seed of the random-pair sample; the same seed and input give the same result.
    public var seed: UInt64
    /// How many threads compare pairs (1 for none); the result does not depend on it.
    public var threads: Int

    /// Creates options.
    public init(
        blocking: BlockingOptions = BlockingOptions(),
        dummyRules: DummyRules = .standard,
        matchProbability: Double = 0.95,
        termFrequencyAdjustment: Bool = true,
        randomPairSample: Int = 200_000,
        maximumIterations: Int = 500,
        seed: UInt64 = 0x5EED,
        threads: Int = 2
    ) {
        self.blocking = blocking
        self.dummyRules = dummyRules
        self.matchProbability = matchProbability
        self.termFrequencyAdjustment = termFrequencyAdjustment
        self.randomPairSample = randomPairSample
        self.maximumIterations = maximumIterations
        self.seed = seed
        self.threads = threads
    }
}

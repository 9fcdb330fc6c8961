/// Pairwise precision, recall and F1 of a clustering against ground truth: a pair of records is predicted
/// when both are in one predicted cluster, and true when both belong to one true person (Christen, "Data
/// Matching", §7.3). Counted from cluster sizes, never by listing pairs, so a million records cost one pass.
public struct PairwiseEvaluation: Hashable, Sendable {
    /// Pairs both predicted and true.
    public var truePositives: Int
    /// Pairs predicted.
    public var predictedPairs: Int
    /// Pairs true.
    public var truePairs: Int

    /// Evaluates `predicted` cluster labels against `truth` labels, one each per record.
    public init<Predicted: Hashable, Truth: Hashable>(predicted: [Predicted], truth: [Truth]) {
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var predictedSizes: [Predicted: Int] = [:]
        var trueSizes: [Truth: Int] = [:]
        var both: [Pair<Predicted, Truth>: Int] = [:]
        for (p, t) in zip(predicted, truth) {
            predictedSizes[p, default: 0] += 1
            trueSizes[t, default: 0] += 1
            both[Pair(predicted: p, truth: t), default: 0] += 1
        }
        truePositives = both.values.reduce(0) { $0 + pairs($1) }
        predictedPairs = predictedSizes.values.reduce(0) { $0 + pairs($1) }
        truePairs = trueSizes.values.reduce(0) { $0 + pairs($1) }
    }

    /// True positives ÷ predicted pairs (1 when nothing was predicted).
    public var precision: Double { predictedPairs == 0 ? 1 : Double(truePositives) / Double(predictedPairs) }
    /// True positives ÷ true pairs (1 when there are none).
    public var recall: Double { truePairs == 0 ? 1 : Double(truePositives) / Double(truePairs) }
    /// The harmonic mean of precision and recall.
    public var f1: Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    private struct Pair<P: Hashable, T: Hashable>: Hashable {
        var predicted: P
        var truth: T
    }
}

/// The comparison of every candidate pair: its pattern, its term-frequency adjustment, and how many pairs
/// showed each pattern.
struct PairComparisons {
    var codes: [UInt32]
    var adjustments: [Float]
    var patternCounts: [ComparisonPattern: Int]

    // Pairs per progress report: large enough that scheduling costs nothing, small enough to show movement.
    static let batchSize = 1 << 19

    /// Compares `pairs` on up to `threads` threads; the result is the same for any number of threads, because
    /// each pair's slot is fixed and the counts are summed after.
    static func compute(
        _ pairs: [UInt64], comparer: PairComparer, termFrequency: TermFrequency?, threads: Int,
        progress: (Int) -> Void
    ) -> PairComparisons {
        var codes: [UInt32] = []
        var adjustments: [Float] = []
        codes.reserveCapacity(pairs.count)
        adjustments.reserveCapacity(pairs.count)
        var start = 0
        while start < pairs.count {
            let end = min(pairs.count, start + batchSize)
            let first = start
            let batch = ParallelMap.map(count: end - start, threads: threads) { offset -> (UInt32, Float) in
                let pair = pairs[first + offset]
                let outcome = comparer.compare(Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
                var adjustment = 0.0
                if let termFrequency {
                    adjustment = termFrequency.adjustment(
                        forename: outcome.exactForename, surname: outcome.exactSurname,
                        swapped: outcome.namesSwapped)
                }
                return (outcome.pattern.code, Float(adjustment))
            }
            for (code, adjustment) in batch {
                codes.append(code)
                adjustments.append(adjustment)
            }
            start = end
            progress(end)
        }
        var counts: [UInt32: Int] = [:]
        for code in codes { counts[code, default: 0] += 1 }
        var patternCounts: [ComparisonPattern: Int] = [:]
        for (code, count) in counts { patternCounts[ComparisonPattern(code: code)] = count }
        return PairComparisons(codes: codes, adjustments: adjustments, patternCounts: patternCounts)
    }
}

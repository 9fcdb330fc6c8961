/// The breach-response cleanse: takes the person records of several organisations and returns, for every record,
/// the person it belongs to, that person's disposition and the record to write to.
///
/// Stages: normalise and find dummies; block; compare candidate pairs; fit a Fellegi–Sunter model by EM with no
/// labels; accept pairs whose posterior probability reaches ``CleanseOptions/matchProbability``; cluster them
/// with cannot-link guards; decide each person's disposition. Pure and deterministic: no I/O, and the only
/// randomness is the seeded random-pair sample.
public enum Cleanse {
    /// Runs the cleanse. `progress` is called on the calling thread with the stage, the work done and the work
    /// in that stage.
    public static func run(
        _ input: [LinkageRecord],
        options: CleanseOptions = CleanseOptions(),
        progress: (CleanseStage, Int, Int) -> Void = { _, _, _ in }
    ) -> CleanseResult {
        progress(.prepare, 0, input.count)
        let records = PreparedRecords(
            input, detector: DummyDetector(rules: options.dummyRules), threads: options.threads)
        progress(.prepare, input.count, input.count)

        let candidates = Blocking.candidatePairs(records, options: options.blocking) { done, total in
            progress(.block, done, total)
        }
        let pairs = candidates.pairs
        let comparer = PairComparer(records: records)
        let termFrequency = options.termFrequencyAdjustment ? TermFrequency(records: records) : nil
        let compared = PairComparisons.compute(
            pairs, comparer: comparer, termFrequency: termFrequency, threads: options.threads
        ) { done in progress(.compare, done, pairs.count) }

        progress(.estimate, 0, 1)
        let model = ModelEstimation.fit(
            compared.patternCounts, candidateCount: pairs.count, records: records, comparer: comparer,
            options: options
        ).scoring
        progress(.estimate, 1, 1)

        progress(.cluster, 0, pairs.count)
        let threshold = model.threshold(forProbability: options.matchProbability)
        var weights: [UInt32: Double] = [:]
        for code in compared.patternCounts.keys { weights[code.code] = model.weight(code) }
        var edges: [ConstrainedClustering.Edge] = []
        for index in pairs.indices {
            let weight = (weights[compared.codes[index]] ?? 0) + Double(compared.adjustments[index])
            guard weight >= threshold else { continue }
            let pair = pairs[index]
            edges.append(
                .init(
                    left: Int32(truncatingIfNeeded: pair >> 32), right: Int32(truncatingIfNeeded: pair),
                    weight: weight))
        }
        let (roots, refused) = ConstrainedClustering.cluster(count: records.count, edges: edges, records: records)
        progress(.cluster, pairs.count, pairs.count)

        var result = dispose(input, records: records, roots: roots, progress: progress)
        result.summary.pairsCompared = pairs.count
        result.summary.pairsSkippedByBlockCap = candidates.skippedPairs
        result.summary.cappedBlocks = candidates.cappedBlocks
        result.summary.pairsByKey = candidates.pairsByKey
        result.summary.pairsAccepted = edges.count
        result.summary.mergesRefused = refused
        result.summary.model = model
        result.summary.threshold = threshold
        return result
    }

    private static func dispose(
        _ input: [LinkageRecord], records: PreparedRecords, roots: [Int32],
        progress: (CleanseStage, Int, Int) -> Void
    ) -> CleanseResult {
        progress(.dispose, 0, input.count)
        var members: [Int32: [Int]] = [:]
        var order: [Int32] = []
        for index in roots.indices {
            if members[roots[index]] == nil { order.append(roots[index]) }
            members[roots[index], default: []].append(index)
        }
        var outcomes = input.map {
            RecordOutcome(recordID: $0.recordID, personID: "", disposition: .notify, contactRecordID: nil)
        }
        var summary = CleanseSummary(
            records: input.count, people: 0, duplicatesMerged: 0, dummies: 0, deceased: 0, unidentifiable: 0,
            notify: 0, notifyWithoutContact: 0, pairsCompared: 0, pairsSkippedByBlockCap: 0, cappedBlocks: 0,
            pairsByKey: [:],
            pairsAccepted: 0, mergesRefused: 0,
            model: FellegiSunterModel(matchProportion: 0, m: [], u: []), threshold: 0)
        let width = max(6, String(order.count).count)
        for (number, root) in order.enumerated() {
            let cluster = members[root] ?? []
            let (disposition, contact) = DispositionRules.decide(cluster, records: records)
            let digits = String(number + 1)
            let personID = "P" + String(repeating: "0", count: width - digits.count) + digits
            for index in cluster {
                outcomes[index].personID = personID
                outcomes[index].disposition = disposition
                outcomes[index].contactRecordID = contact.map { input[$0].recordID }
            }
            switch disposition {
            case .dummy: summary.dummies += cluster.count
            case .deceased: summary.deceased += 1
            case .unidentifiable: summary.unidentifiable += 1
            case .notify:
                summary.notify += 1
                if contact == nil { summary.notifyWithoutContact += 1 }
            }
            if disposition != .dummy {
                summary.people += 1
                summary.duplicatesMerged += cluster.count - 1
            }
        }
        progress(.dispose, input.count, input.count)
        return CleanseResult(outcomes: outcomes, summary: summary)
    }
}

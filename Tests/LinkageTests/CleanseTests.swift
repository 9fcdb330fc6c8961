import Testing

@testable import Linkage

@Suite("Cleanse")
struct CleanseTests {
    static func record(
        _ id: String, _ organisation: String = "VEL", forenames: String? = "Bethan", surname: String? = "Aberquell",
        born: String? = "1984-03-07", nino: String? = nil, email: String? = nil, address: String? = nil,
        postcode: String? = nil, status: String? = nil, updated: String? = nil, staff: String? = nil
    ) -> LinkageRecord {
        LinkageRecord(
            recordID: id, organisation: organisation, staffNumber: staff, forenames: forenames, surname: surname,
            dateOfBirth: born.flatMap(LinkageDate.init(iso:)), sex: "F", nino: nino, email: email, address: address,
            postcode: postcode, status: status, updatedAt: updated)
    }

    // The model is fitted to the data, so small cases are run inside a generated background of 2,000 records.
    static let background = SyntheticLinkageSet(recordCount: 2_000, seed: 11).records

    static func outcomes(of records: [LinkageRecord]) -> (outcomes: [String: RecordOutcome], summary: CleanseSummary) {
        let result = Cleanse.run(background + records)
        let mine = result.outcomes.suffix(records.count)
        return (Dictionary(uniqueKeysWithValues: mine.map { ($0.recordID, $0) }), result.summary)
    }

    @Test("On a generated 5,000-record RPS-like set, pairwise precision and recall are at least 0.99")
    func syntheticPrecisionAndRecall() {
        // setup
        let set = SyntheticLinkageSet(recordCount: 5_000, organisations: 12, seed: 2017)
        // MUT
        let result = Cleanse.run(set.records)
        // validate
        let evaluation = PairwiseEvaluation(predicted: result.outcomes.map(\.personID), truth: set.truePerson)
        #expect(evaluation.truePairs > 3_000)
        #expect(evaluation.precision >= 0.99)
        #expect(evaluation.recall >= 0.99)
        // Exact NINO matching alone finds far fewer of the true duplicates (DOMAIN.md).
        let byNINO = set.records.enumerated().map { index, record in
            Normalise.nino(record.nino) ?? "record \(index)"
        }
        #expect(PairwiseEvaluation(predicted: byNINO, truth: set.truePerson).recall < 0.6)
        let dummies = zip(set.isDummy, result.outcomes).filter { $0.0 }
        #expect(dummies.allSatisfy { $0.1.disposition == .dummy })
        let deceased = zip(set.isDeceasedPerson, result.outcomes).filter { $0.0 }
        #expect(Double(deceased.filter { $0.1.disposition == .deceased }.count) / Double(deceased.count) > 0.97)
    }

    @Test("The same input and seed give the same result, on one thread or two")
    func deterministic() {
        let set = SyntheticLinkageSet(recordCount: 1_500, seed: 7)
        var single = CleanseOptions()
        single.threads = 1
        #expect(Cleanse.run(set.records, options: single) == Cleanse.run(set.records))
        #expect(SyntheticLinkageSet(recordCount: 1_500, seed: 7).records == set.records)
    }

    @Test(
        "Swapped names, a nickname and a married name still join one person; a chain through a record without a NINO does not join two"
    )
    func linksAndGuards() {
        let records = [
            Self.record("1", "VEL", nino: "JK482915C", email: "bethan.p@example.org"),
            Self.record("2", "BCU", forenames: "Aberquell", surname: "Bethan", nino: "JK482915C"),
            Self.record("3", "CTM", forenames: "Beth", surname: "Rowlands", nino: "JK 48 29 15 C"),
            Self.record("4", "CAV", forenames: "Bethan", surname: "Aberquell"),
            Self.record("5", "SBU", forenames: "Bethan", surname: "Aberquell", nino: "WL524452A"),
        ]
        let person = Self.outcomes(of: records).outcomes.mapValues(\.personID)
        #expect(person["1"] == person["2"] && person["2"] == person["3"])
        #expect(person["1"] != person["5"])
    }

    @Test("Dispositions: dummy, deceased if any record says so, unidentifiable, and the latest usable contact")
    func dispositions() {
        let records = [
            Self.record(
                "a1", nino: "JK482915C", address: "1 High St, Cardiff", postcode: "CF14 2TL",
                updated: "2019-01-01T00:00:00Z"),
            Self.record("a2", "BCU", nino: "JK482915C", email: "bethan@example.org", updated: "2022-05-01T00:00:00Z"),
            Self.record("a3", "CTM", nino: "JK482915C", updated: "2024-01-01T00:00:00Z"),
            Self.record("b1", forenames: "Gareth", surname: "Pentrequell", born: "1950-02-02", nino: "WL524452A"),
            Self.record(
                "b2", "CAV", forenames: "Gareth", surname: "Pentrequell", born: "1950-02-02",
                nino: "WL524452A", status: "deceased"),
            Self.record("c1", forenames: "Spare", surname: "Badge", born: nil),
            Self.record("d1", forenames: "Rhodri", surname: "Tudor-Quell", born: nil),
            Self.record("e1", forenames: "Carys", surname: "Ellisquell", born: "1990-09-09"),
        ]
        let (outcome, _) = Self.outcomes(of: records)
        #expect(outcome["a1"]?.disposition == .notify)
        #expect(outcome["a3"]?.contactRecordID == "a2")
        #expect(outcome["a1"]?.personID == outcome["a3"]?.personID)
        #expect(outcome["b1"]?.disposition == .deceased && outcome["b1"]?.contactRecordID == nil)
        #expect(outcome["c1"]?.disposition == .dummy)
        #expect(outcome["d1"]?.disposition == .unidentifiable)
        #expect(outcome["e1"]?.disposition == .notify && outcome["e1"]?.contactRecordID == nil)
        let alone = Cleanse.run(records).summary
        #expect(alone.records == 8 && alone.dummies == 1)
    }

    @Test("Progress reaches every stage in order and ends complete")
    func progress() {
        var seen: [CleanseStage] = []
        var finished: [CleanseStage: Bool] = [:]
        _ = Cleanse.run(SyntheticLinkageSet(recordCount: 300, seed: 3).records) { stage, done, total in
            if seen.last != stage { seen.append(stage) }
            if done == total { finished[stage] = true }
        }
        #expect(seen == CleanseStage.allCases)
        #expect(CleanseStage.allCases.allSatisfy { finished[$0] == true })
    }

    @Test("Oversized blocks are not expanded, and the skipped pairs are reported")
    func blockCap() {
        let records = (0..<30).map { index in
            Self.record("r\(index)", forenames: "Name\(index)", surname: "Jones", born: "1970-05-05")
        }
        var options = CleanseOptions()
        options.blocking = BlockingOptions(keys: [.nameInitialAndDateOfBirth], maximumBlockSize: 10)
        let result = Cleanse.run(records, options: options)
        #expect(result.summary.pairsCompared == 0)
        #expect(result.summary.pairsSkippedByBlockCap >= 435)
        #expect(result.summary.cappedBlocks >= 1)
    }

    @Test("Pairwise evaluation counts pairs from cluster sizes")
    func evaluation() {
        let evaluation = PairwiseEvaluation(predicted: ["a", "a", "a", "b"], truth: [1, 1, 2, 2])
        #expect(evaluation.predictedPairs == 3 && evaluation.truePairs == 2 && evaluation.truePositives == 1)
        #expect(abs(evaluation.precision - 1.0 / 3) < 1e-12 && evaluation.recall == 0.5)
        #expect(abs(evaluation.f1 - 0.4) < 1e-12)
    }
}

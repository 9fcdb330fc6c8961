import Testing

@testable import Linkage

@Suite("Blocking and name frequency")
struct BlockingTests {
    // Whether the only key in use brings each pair of records together.
    static func candidates(_ records: [LinkageRecord], key: BlockingKey) -> Set<[String]> {
        let prepared = PreparedRecords(records, detector: DummyDetector(rules: .standard), threads: 1)
        let pairs = Blocking.candidatePairs(prepared, options: BlockingOptions(keys: [key])) { _, _ in }.pairs
        return Set(pairs.map { [records[Int($0 >> 32)].recordID, records[Int($0 & 0xFFFF_FFFF)].recordID] })
    }

    @Test(
        "Blocking keys forgive what the comparators forgive: a staff number with two characters swapped, names in each other's fields, a postcode keyed wrongly at the same address"
    )
    func keyingErrorsStillMeet() {
        // setup
        let staff = [
            CleanseTests.record("s1", forenames: "Jacob", surname: "Tiller", born: nil, staff: "4137877"),
            CleanseTests.record("s2", forenames: "Blake", surname: "Moody", born: nil, staff: "4137787"),
            // The same digits in another order are another number.
            CleanseTests.record("s3", forenames: "Carys", surname: "Ellis", born: nil, staff: "7874137"),
        ]
        let names = [
            CleanseTests.record("n1", forenames: "Ruby", surname: "Vincent", born: "1943-08-07"),
            CleanseTests.record("n2", forenames: "Vincent", surname: "Ruby", born: "1987-11-28"),
        ]
        let homes = [
            CleanseTests.record("h1", born: nil, address: "15 Heol Llan, Cardiff", postcode: "CF14 2TL"),
            CleanseTests.record("h2", born: nil, address: "15 Heol Llan, Cardiff", postcode: "CF14 2LT"),
            CleanseTests.record(
                "h3", forenames: "Gareth", surname: "Tudor", born: nil, address: "15 Heol Llan, Cardiff"),
        ]
        // MUT, validate
        #expect(Self.candidates(staff, key: .staffNumber) == [["s1", "s2"]])
        #expect(Self.candidates(names, key: .fullName) == [["n1", "n2"]])
        // The address key asks for a shared initial too, so a household's other members are not all paired.
        #expect(Self.candidates(homes, key: .addressAndNameInitial) == [["h1", "h2"]])
    }

    @Test("Names that agree crosswise keep the term-frequency adjustment of the names, as the more common reading")
    func swappedNamesKeepFrequency() {
        // setup: Megan Jones is common here, and one record has her names the other way round.
        let common = (0..<20).map { CleanseTests.record("m\($0)", forenames: "Megan", surname: "Jones") }
        let others = (0..<40).map {
            CleanseTests.record("o\($0)", forenames: "Given\($0)", surname: "Family\($0)")
        }
        let swapped = CleanseTests.record("x", forenames: "Jones", surname: "Megan")
        let records = common + others + [swapped]
        let prepared = PreparedRecords(records, detector: DummyDetector(rules: .standard), threads: 1)
        let comparer = PairComparer(records: prepared)
        // MUT
        let compared = PairComparisons.compute(
            [0 << 32 | 1, UInt64(0) << 32 | UInt64(records.count - 1)], comparer: comparer,
            termFrequency: TermFrequency(records: prepared), threads: 1
        ) { _ in }
        // validate
        #expect(comparer.compare(0, records.count - 1).namesSwapped)
        #expect(compared.adjustments[0] < 0)
        #expect(compared.adjustments[1] == compared.adjustments[0])
    }
}

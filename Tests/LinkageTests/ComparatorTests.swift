import Testing

@testable import Linkage

@Suite("Comparators")
struct ComparatorTests {
    @Test(
        "Jaro–Winkler matches the published values (Winkler 1990)",
        arguments: [
            ("MARTHA", "MARHTA", 0.961), ("DWAYNE", "DUANE", 0.840), ("DIXON", "DICKSONX", 0.813),
            ("JONES", "JOHNSON", 0.832), ("ABC", "ABC", 1.0), ("ABC", "XYZ", 0.0),
        ])
    func jaroWinkler(a: String, b: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(a, b) - expected) < 0.0005)
        #expect(abs(JaroWinkler.similarity(bytes: Array(a.utf8), Array(b.utf8)) - expected) < 0.0005)
        #expect(JaroWinkler.similarity(a, b) == JaroWinkler.similarity(b, a))
    }

    @Test("The Jaro–Winkler bound rules a pair of names out only when their similarity is below the threshold")
    func jaroWinklerBound() {
        let names = (SyntheticNames.femaleForenames + SyntheticNames.maleForenames + SyntheticNames.commonSurnames)
            .map { Array(TextFolding.fold($0).utf8) }
        var ruledOut = 0
        for a in names {
            for b in names {
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        for threshold in [0.80, 0.92] where !JaroWinkler.mayReach(threshold, a, b) {
                            #expect(JaroWinkler.similarity(bytes: a, b) < threshold)
                            ruledOut += 1
                        }
                    }
                }
            }
        }
        #expect(ruledOut > names.count * names.count / 2)
        #expect(!Comparators.withBytes("jones", "davies") { JaroWinkler.mayReach(0.80, $0, $1) })
        #expect(Comparators.withBytes("evans", "evens") { JaroWinkler.mayReach(0.80, $0, $1) })
    }

    @Test("Jaro alone, without Winkler's prefix bonus")
    func jaro() {
        #expect(abs(JaroWinkler.jaro("MARTHA", "MARHTA") - 0.944) < 0.0005)
        #expect(abs(JaroWinkler.jaro("DWAYNE", "DUANE") - 0.822) < 0.0005)
    }

    @Test("Levenshtein and Damerau distances and similarities")
    func editDistances() {
        #expect(EditDistance.levenshtein(Array("kitten"), Array("sitting")) == 3)
        #expect(EditDistance.levenshtein(Array("jones"), Array("jnoes")) == 2)
        #expect(EditDistance.damerau(Array("jones"), Array("jnoes")) == 1)
        #expect(EditDistance.damerau(Array(""), Array("abc")) == 3)
        #expect(abs(EditDistance.levenshteinSimilarity("kitten", "sitting") - (1 - 3.0 / 7)) < 1e-9)
        #expect(EditDistance.damerauSimilarity("siân", "sain") == 0.5)
        #expect(EditDistance.isWithinOneEdit(Array("CF142TL"), Array("CF142LT")))
        #expect(EditDistance.isWithinOneEdit(Array("jones"), Array("jone")))
        #expect(!EditDistance.isWithinOneEdit(Array("jones"), Array("jnose")))
    }

    @Test(
        "Names: exact, nickname, typo, initial, different, missing",
        arguments: [
            ("robert", "robert", AgreementLevel.exact), ("bob", "robert", .equivalent), ("bethan", "bethna", .close),
            ("sian", "sioned", .partial), ("j", "john", .partial), ("david", "gareth", .different),
            ("", "john", .missing),
        ])
    func forenames(a: String, b: String, level: AgreementLevel) {
        #expect(Comparators.forename(a, b) == level)
    }

    @Test("Surnames: a part of a double-barrelled surname is equivalent")
    func surnames() {
        #expect(Comparators.surname("jones", "jones") == .exact)
        #expect(Comparators.surname("smithjones", "jones", aParts: ["smith", "jones"]) == .equivalent)
        #expect(Comparators.surname("williams", "wiliams") == .close)
        #expect(Comparators.surname("evans", "morgan") == .different)
    }

    @Test(
        "Dates: exact, day and month swapped, year ±1 or one keying error, one component off, different",
        arguments: [
            ("1984-03-07", "1984-03-07", AgreementLevel.exact), ("1984-03-07", "1984-07-03", .equivalent),
            ("1984-03-07", "1985-03-07", .close), ("1984-03-07", "1984-03-08", .close),
            ("1984-03-17", "1984-03-71", .missing), ("1984-03-12", "1984-03-21", .close),
            ("1984-03-07", "1984-03-29", .partial), ("1984-03-07", "1948-03-07", .close),
            ("1984-03-07", "1962-11-07", .different),
        ])
    func dates(a: String, b: String, level: AgreementLevel) {
        #expect(Comparators.date(LinkageDate(iso: a), LinkageDate(iso: b)) == level)
    }

    @Test(
        "NINOs: exact, one transposition or suffix, one substitution, different",
        arguments: [
            ("AB123456C", "AB123456C", AgreementLevel.exact), ("AB123456C", "AB124356C", .equivalent),
            ("AB123456C", "AB123456D", .equivalent), ("AB123456C", "AB123456", .equivalent),
            ("AB123456C", "AB123457C", .close), ("AB123456C", "CD987654A", .different), ("", "AB123456C", .missing),
        ])
    func ninos(a: String, b: String, level: AgreementLevel) {
        #expect(Comparators.nino(a, b) == level)
    }

    @Test(
        "Postcodes: exact, one keying error, same outward code, different",
        arguments: [
            ("CF142TL", "CF142TL", AgreementLevel.exact), ("CF142TL", "CF142LT", .close),
            ("CF142TL", "CF145XA", .partial), ("CF142TL", "SA13PP", .different), ("CF142TL", "", .missing),
        ])
    func postcodes(a: String, b: String, level: AgreementLevel) {
        #expect(Comparators.postcode(a, b) == level)
    }

    @Test("Location combines postcode and address; identifiers and addresses have their own levels")
    func locationAndIdentifiers() {
        #expect(Comparators.location(postcode: .exact, address: .close) == .exact)
        #expect(Comparators.location(postcode: .missing, address: .exact) == .equivalent)
        #expect(Comparators.location(postcode: .exact, address: .different) == .close)
        #expect(Comparators.location(postcode: .partial, address: .different) == .partial)
        #expect(Comparators.location(postcode: .different, address: .missing) == .different)
        #expect(Comparators.location(postcode: .missing, address: .missing) == .missing)
        #expect(Comparators.identifier("07700900123", "07700900132") == .close)
        #expect(Comparators.address("12 high street cardiff", "12 high stret cardiff") == .close)
        #expect(Comparators.address("12 high street cardiff", "4 mill lane swansea") == .different)
    }

    @Test("Monge–Elkan averages each side's best word matches both ways, so word order and extra words count once")
    func mongeElkan() {
        func words(_ text: String) -> [[UInt8]] { text.split(separator: " ").map { Array($0.utf8) } }
        let a = words("12 high street cardiff")
        let b = words("cardiff high street 12 flat")
        // Every word of a has an exact partner (1 each way); of b's five, four do and "flat" is matched by its best.
        let flat = [UInt8]("flat".utf8)
        let best = a.map { JaroWinkler.similarity(bytes: flat, $0) }.max() ?? 0
        let expected = (1 + (4 + best) / 5) / 2
        #expect(abs(Comparators.mongeElkan(a, b) - expected) < 1e-12)
        #expect(abs(Comparators.mongeElkan(b, a) - expected) < 1e-12)
        #expect(Comparators.mongeElkan(a, a) == 1)
        #expect(Comparators.mongeElkan(a, []) == 0)
    }

    @Test("Monge–Elkan computes each pair of words once and gives the mean of both directions' best matches")
    func mongeElkanSkipsNothingThatCounts() {
        // setup: addresses that share some words, differ by typos in others, or share nothing
        var generator = SplitMix64(seed: 21)
        func pick(_ words: [String]) -> String { words[Int(generator.next() % UInt64(words.count))] }
        let addresses = (0..<300).map { _ in
            let street =
                "\(generator.next() % 40) \(pick(SyntheticNames.streets)) \(pick(SyntheticNames.streetTypes.flatMap { [$0.0, $0.1] }))"
            return Normalise.address("\(street), \(pick(SyntheticNames.towns))") ?? ""
        }
        func words(_ text: String) -> [[UInt8]] { text.split(separator: " ").map { Array($0.utf8) } }
        func everyPair(_ a: [[UInt8]], _ b: [[UInt8]]) -> Double {
            let similarity = a.map { x in b.map { y in JaroWinkler.similarity(bytes: x, y) } }
            let rows = similarity.map { $0.max() ?? 0 }.reduce(0, +) / Double(a.count)
            let columns = b.indices.map { j in similarity.map { $0[j] }.max() ?? 0 }.reduce(0, +) / Double(b.count)
            return (rows + columns) / 2
        }
        for (left, right) in zip(addresses + addresses, addresses.shuffled(using: &generator) + addresses) {
            // MUT, validate
            let (a, b) = (words(left), words(right))
            #expect(abs(Comparators.mongeElkan(a, b) - everyPair(a, b)) < 1e-12, "\(left) / \(right)")
        }
    }

    @Test(
        "Soundex follows the National Archives rules; the blocking code folds sound-alike beginnings",
        arguments: [
            ("Robert", "R163"), ("Rupert", "R163"), ("Ashcraft", "A261"), ("Tymczak", "T522"), ("Pfister", "P236"),
            ("Jones", "J520"), ("Williams", "W452"), ("", ""),
        ])
    func soundex(name: String, code: String) {
        #expect(Phonetic.soundex(name) == code)
    }

    @Test("Phonetic blocking codes agree for sound-alike spellings")
    func phoneticCodes() {
        #expect(Phonetic.code("Phillips") == Phonetic.code("Fillips"))
        #expect(Phonetic.code("Carter") == Phonetic.code("Karter"))
        #expect(Phonetic.code("MacDonald") == Phonetic.code("McDonald"))
        #expect(Phonetic.code("Jones") != Phonetic.code("Evans"))
    }
}

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

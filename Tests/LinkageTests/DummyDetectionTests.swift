import Testing

@testable import Linkage

@Suite("Dummy and test detection")
struct DummyDetectionTests {
    let detector = DummyDetector()

    @Test(
        "Dummy names in any case or spacing",
        arguments: [
            ("TEST PERSON", true), ("Dummy1", true), ("Spare Badge", true), ("t e s t", true), ("VISITOR 3", true),
            ("xxx", true), ("Unknown", true), ("temp", true), ("Control", true), ("12345", true),
            ("Bethan Jones", false), ("Testa", false), ("Tess", false), ("Xu", false), ("Ann", false),
        ])
    func names(name: String, isDummy: Bool) {
        #expect(detector.isDummyName(name) == isDummy)
    }

    @Test(
        "Placeholder NINOs: documentation values, never-issued prefixes, impossible letters, repeated digits",
        arguments: [
            ("QQ123456C", true), ("AB123456C", true), ("GB123456A", true), ("TN123456A", true), ("ZZ987654B", true),
            ("AA111111A", true), ("JK000000C", true), ("DA123456A", true), ("JO123456A", true),
            ("JK482915C", false), ("WL524452A", false),
        ])
    func ninos(nino: String, isPlaceholder: Bool) {
        #expect(detector.isPlaceholderNINO(nino) == isPlaceholder)
    }

    @Test(
        "Placeholder dates of birth, including 1 January of a round year",
        arguments: [
            ("1900-01-01", true), ("1901-01-01", true), ("1970-01-01", true), ("2000-01-01", true),
            ("1960-01-01", true), ("1890-06-15", true), ("1961-01-01", false), ("1970-01-02", false),
            ("1984-03-07", false),
        ])
    func datesOfBirth(date: String, isPlaceholder: Bool) throws {
        let parsed = try #require(LinkageDate(iso: date))
        #expect(detector.isPlaceholderDateOfBirth(parsed) == isPlaceholder)
    }

    @Test("The placeholder list is configurable")
    func configurable() throws {
        var rules = DummyRules.standard
        rules.firstOfJanuaryRoundYearDivisor = nil
        rules.placeholderDatesOfBirth.insert(try #require(LinkageDate(iso: "1999-09-09")))
        let custom = DummyDetector(rules: rules)
        #expect(!custom.isPlaceholderDateOfBirth(try #require(LinkageDate(iso: "1960-01-01"))))
        #expect(custom.isPlaceholderDateOfBirth(try #require(LinkageDate(iso: "1999-09-09"))))
    }

    @Test("A record is a dummy by name or canary flag, or by placeholder NINO and date of birth together")
    func records() {
        func record(
            _ forenames: String, _ surname: String, nino: String? = nil, born: String? = nil, canary: Bool = false
        ) -> LinkageRecord {
            LinkageRecord(
                recordID: "1", organisation: "VEL", forenames: forenames, surname: surname,
                dateOfBirth: born.flatMap(LinkageDate.init(iso:)), nino: nino, isCanary: canary)
        }
        #expect(detector.isDummy(record("Spare", "Badge")))
        #expect(detector.isDummy(record("Bethan", "Jones", canary: true)))
        #expect(detector.isDummy(record("Bethan", "Jones", nino: "QQ123456C", born: "1900-01-01")))
        #expect(!detector.isDummy(record("Bethan", "Jones", nino: "QQ123456C", born: "1984-03-07")))
        #expect(!detector.isDummy(record("Bethan", "Jones", nino: "JK482915C", born: "1970-01-01")))
        #expect(detector.findings(for: record("Bethan", "Jones", nino: "QQ123456C")) == [.placeholderNINO])
    }
}

import Testing

@testable import Linkage

@Suite("Normalisers")
struct NormaliserTests {
    @Test(
        "Folding lower-cases, removes accents and punctuation, and collapses spaces",
        arguments: [
            ("Siân", "sian"), ("  O’Brien-Smith ", "obrien smith"), ("ZOË", "zoe"), ("Llŷr", "llyr"),
            ("Müller", "muller"), ("Straße", "strasse"), ("Ørsted", "orsted"), ("Æthelred", "aethelred"),
            ("Łukasz", "lukasz"), ("D'Arcy", "darcy"), ("St. John's  Rd.", "st johns rd"),
            ("Sio\u{0301}bhan", "siobhan"), ("", ""),
        ])
    func folding(input: String, expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test("Name order: comma form, titles, suffixes and a full name in one field")
    func nameOrder() {
        let comma = PersonName(forenames: nil, surname: "Jones, Bethan Mair")
        #expect(comma.forenames == ["bethan", "mair"] && comma.surname == "jones")
        let commaInForenames = PersonName(forenames: "Jones, Bethan", surname: nil)
        #expect(commaInForenames.forename == "bethan" && commaInForenames.surname == "jones")
        let titled = PersonName(forenames: "Dr Siân", surname: "Williams Jnr")
        #expect(titled.forename == "sian" && titled.surname == "williams")
        let oneField = PersonName(forenames: "Rhys Evans", surname: "")
        #expect(oneField.forename == "rhys" && oneField.surname == "evans")
        let barrelled = PersonName(forenames: "Ann", surname: "Smith-Jones")
        #expect(barrelled.surnameParts == ["smith", "jones"] && barrelled.surname == "smithjones")
    }

    @Test(
        "Nicknames and formal names are equivalent; unrelated names are not",
        arguments: [
            ("bob", "robert", true), ("bill", "william", true), ("liz", "elizabeth", true), ("dai", "david", true),
            ("beth", "liz", true), ("bob", "bobby", true), ("christopher", "christine", false),
            ("sian", "sioned", false), ("samuel", "samantha", false),
        ])
    func nicknames(a: String, b: String, equivalent: Bool) {
        #expect(Nicknames.areEquivalent(a, b) == equivalent)
    }

    @Test("Identifiers and contact details")
    func identifiers() {
        #expect(Normalise.nino("ab 12 34 56 c") == "AB123456C")
        #expect(Normalise.nino("AB12345") == nil)
        #expect(Normalise.postcode(" cf14 2tl") == "CF142TL")
        #expect(Normalise.postcodeOutward("CF142TL") == "CF14")
        #expect(Normalise.postcodeOutward("SW1A1AA") == "SW1A")
        #expect(Normalise.postcodeOutward("4210") == nil)
        #expect(Normalise.email(" Sian.Jones@Example.ORG ") == "sian.jones@example.org")
        #expect(Normalise.email("no-at-sign.example.org") == nil)
        #expect(Normalise.phone("+44 29 2061 5888") == "02920615888")
        #expect(Normalise.phone("0044 7700 900123") == "07700900123")
        #expect(Normalise.phone("123") == nil)
        #expect(Normalise.staffNumber(" 000123 ") == "123")
        #expect(Normalise.address("12 High St., CARDIFF") == "12 high street cardiff")
        #expect(Normalise.sex("Female") == "F" && Normalise.sex("u") == nil)
    }

    @Test("Dates parse from ISO and compact forms and reject nonsense")
    func dates() {
        #expect(LinkageDate(iso: "1984-03-07") == LinkageDate(year: 1984, month: 3, day: 7))
        #expect(LinkageDate(iso: "19840307")?.description == "1984-03-07")
        #expect(LinkageDate(iso: "1984-13-07") == nil)
        #expect(LinkageDate(iso: "07/03/1984") == nil)
    }

    @Test("Update timestamps order across offsets")
    func timestamps() {
        #expect(Timestamp.seconds("1970-01-02") == 86_400)
        #expect(Timestamp.seconds("2021-03-04T10:00:00Z") == Timestamp.seconds("2021-03-04T11:00:00+01:00"))
        #expect(Timestamp.seconds("2021-03-04T10:00:00.250Z") == Timestamp.seconds("2021-03-04T10:00:00Z"))
        #expect(Timestamp.seconds("yesterday") == nil)
    }
}

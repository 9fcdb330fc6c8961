import DoseCore
import Testing

@Suite("Contact details")
struct ContactDetailsTests {
    @Test(
        "emails are trimmed and their domain lower-cased",
        arguments: [
            ("  Rhian.Testfield@Example.ORG ", "Rhian.Testfield@example.org"), ("a@b.co", "a@b.co"),
            ("first+tag@mail.example.net", "first+tag@mail.example.net"),
        ])
    func emails(raw: String, expected: String) throws {
        #expect(try ContactDetails.normaliseEmail(raw) == expected)
    }

    @Test(
        "malformed emails are refused",
        arguments: [
            "", "plainaddress", "@example.org", "name@", "name@example", "two@@example.org", "a@b@example.org",
            "name@.example.org", "name@example..org", "name@example.org.", "na me@example.org", "name@exa\tmple.org",
            "name\u{0}@example.org", "name@example.org\u{202E}",
            String(repeating: "a", count: 250) + "@example.org", String(repeating: "a", count: 65) + "@example.org",
        ])
    func badEmails(raw: String) {
        #expect(throws: ValidationError.self) { try ContactDetails.normaliseEmail(raw) }
    }

    @Test(
        "phone numbers keep their layout with spaces collapsed",
        arguments: [
            ("07700 900123", "07700 900123"), ("  +44 (0)29  2000 0000 ", "+44 (0)29 2000 0000"), ("123456", "123456"),
            ("029-2000-0000", "029-2000-0000"),
        ])
    func phones(raw: String, expected: String) throws {
        #expect(try ContactDetails.normalisePhone(raw) == expected)
    }

    @Test(
        "bad phone numbers are refused",
        arguments: [
            "", "12345", "123456789012345678901", "07700 900123 ext 4", "44+7700900123",
            "０７７００９００１２３",
            "07700\n900123", "+", "(((((())))))",
        ])
    func badPhones(raw: String) {
        #expect(throws: ValidationError.self) { try ContactDetails.normalisePhone(raw) }
    }

    @Test(
        "UK postcodes of every shape are upper-cased with one space",
        arguments: [
            ("cf14 2tl", "CF14 2TL"), ("CF142TL", "CF14 2TL"), ("m1 1ae", "M1 1AE"), ("b33 8th", "B33 8TH"),
            ("cr2 6xh", "CR2 6XH"), ("dn55 1pt", "DN55 1PT"), ("w1a 0ax", "W1A 0AX"), ("ec1a 1bb", "EC1A 1BB"),
            ("  sw1a   1aa ", "SW1A 1AA"), ("gir 0aa", "GIR 0AA"),
        ])
    func postcodes(raw: String, expected: String) throws {
        #expect(try ContactDetails.normalisePostcode(raw) == expected)
    }

    @Test(
        "non-UK or misshapen postcodes are refused",
        arguments: [
            "", "90210", "CF14", "CF14 2T", "CF14 22L", "CF142 2TL", "QF14 2TL", "CJ14 2TL", "CF14 2CL", "CF14 2TI",
            "1F14 2TL", "W1I 0AX", "EC1C 1BB", "K1A 0B1", "CF14-2TL", "ÇF14 2TL", "CF14 2TL 2TL",
        ])
    func badPostcodes(raw: String) {
        #expect(throws: ValidationError.self) { try ContactDetails.normalisePostcode(raw) }
    }

    @Test("addresses are trimmed, whitespace collapsed and line breaks turned into commas")
    func addresses() throws {
        #expect(try ContactDetails.normaliseAddress("  1  Example   Road ") == "1 Example Road")
        #expect(try ContactDetails.normaliseAddress("1 Example Road\r\nTestville\n") == "1 Example Road, Testville")
        #expect(try ContactDetails.normaliseAddress("1 Example Road,\n\nTestville") == "1 Example Road, Testville")
        #expect(try ContactDetails.normaliseAddress("Flat 2\t3 Example Road") == "Flat 2 3 Example Road")
    }

    @Test("bad addresses are refused")
    func badAddresses() {
        for raw in ["", "   \n ", "1 Example Road\u{7}", "1 Example\u{0} Road", String(repeating: "x", count: 301)] {
            #expect(throws: ValidationError.self, "\(raw.prefix(20))") { try ContactDetails.normaliseAddress(raw) }
        }
        #expect((try? ContactDetails.normaliseAddress(String(repeating: "x", count: 300)))?.count == 300)
    }

    @Test("normalisers are idempotent")
    func idempotent() throws {
        let email = try ContactDetails.normaliseEmail(" A@B.CO ")
        #expect(try ContactDetails.normaliseEmail(email) == email)
        let address = try ContactDetails.normaliseAddress("1 Road ,\n Town")
        #expect(try ContactDetails.normaliseAddress(address) == address)
        let postcode = try ContactDetails.normalisePostcode("cf142tl")
        #expect(try ContactDetails.normalisePostcode(postcode) == postcode)
    }

    @Test("validation errors name each bad field")
    func validationErrors() {
        let details = ContactDetails(email: "nope", phone: "07700 900123", address: "1 Road", postcode: "XX")
        #expect(details.validationErrors().map(\.field) == ["email", "postcode"])
        #expect(ContactDetails().validationErrors().isEmpty)
    }
}

import DoseCore
import Foundation
import Testing

@Suite("Organisation code and kind")
struct OrganisationTests {
    @Test(
        "codes are trimmed and upper-cased",
        arguments: [("avuhb", "AVUHB"), ("  ab-12 ", "AB-12"), ("x1", "X1"), ("ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOP")])
    func normalises(raw: String, expected: String) throws {
        #expect(try OrganisationCode(raw).value == expected)
    }

    @Test(
        "codes outside the rules are refused",
        arguments: ["", "A", "ABCDEFGHIJKLMNOPQ", "-AB", "AB_CD", "AB CD", "ÄB", "AB.", "A\u{0}B"])
    func refuses(raw: String) {
        #expect(throws: ValidationError.self) { try OrganisationCode(raw) }
    }

    @Test("a code decodes only when valid")
    func decodes() throws {
        let codes = try JSONDecoder().decode([OrganisationCode].self, from: Data(#"["avuhb"]"#.utf8))
        #expect(codes.first?.value == "AVUHB")
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([OrganisationCode].self, from: Data(#"["-"]"#.utf8))
        }
    }

    @Test("organisation kinds use the agreed raw values and have display names")
    func kinds() {
        #expect(
            OrganisationKind.allCases.map(\.rawValue) == [
                "health-board", "nhs-trust", "private-hospital", "dental", "veterinary", "airport", "other",
            ])
        #expect(OrganisationKind.nhsTrust.displayName == "NHS trust")
        #expect(Set(OrganisationKind.allCases.map(\.displayName)).count == OrganisationKind.allCases.count)
    }

    @Test("an organisation round-trips through JSON")
    func organisationCodable() throws {
        let organisation = Organisation(
            id: .generate(now: Date(timeIntervalSince1970: 1_700_000_000)),
            code: try OrganisationCode("AVUHB"),
            name: "Afon Valley University Health Board",
            kind: .healthBoard,
            departments: ["Radiology"],
            leadContact: Contact(name: "Rhian Testfield", role: "RPS", email: "rps@example.org"),
            createdAt: Date(timeIntervalSince1970: 1_700_000_000)
        )
        let data = try JSONEncoder().encode(organisation)
        #expect(try JSONDecoder().decode(Organisation.self, from: data) == organisation)
    }
}

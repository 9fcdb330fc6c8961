import Foundation
import Testing

@testable import SievertServices

@Suite("A dose entry's sealed amount")
struct DoseAmountEncodingTests {
    @Test(
        "the bulk spelling reads the same as the JSON decoder reads it, for every value and flag",
        arguments: [Int64(0), 1, 9, 10, 1_666, 20_000_000, Int64.max], [false, true])
    func bulkSpellingMatchesTheDecoder(microsieverts: Int64, below: Bool) throws {
        let bulk = Array(#"{"microsieverts":\#(microsieverts),"belowReportingLevel":\#(below)}"#.utf8)
        #expect(DoseSealing.Amount(microsieverts: microsieverts, belowReportingLevel: below).bulk == bulk)
        let fast = try #require(DoseSealing.Amount(bulk: bulk))
        let decoded = try JSONDecoder().decode(DoseSealing.Amount.self, from: Data(bulk))
        #expect(fast.microsieverts == decoded.microsieverts && fast.microsieverts == microsieverts)
        #expect(fast.belowReportingLevel == decoded.belowReportingLevel && fast.belowReportingLevel == below)
    }

    @Test(
        "any other spelling is left to the JSON decoder",
        arguments: [
            #"{"belowReportingLevel":false,"microsieverts":5}"#, #"{"microsieverts": 5,"belowReportingLevel":false}"#,
            #"{"microsieverts":5,"belowReportingLevel":false }"#, #"{"microsieverts":,"belowReportingLevel":true}"#,
            #"{"microsieverts":5,"belowReportingLevel":yes}"#,
            #"{"microsieverts":99999999999999999999,"belowReportingLevel":true}"#,
            #"{"microsieverts":5.5,"belowReportingLevel":true}"#, #"{"microsieverts":5,"belowReportingLevel":true"#, "",
        ])
    func otherSpellingsFallBack(text: String) {
        #expect(DoseSealing.Amount(bulk: Array(text.utf8)) == nil)
    }

    @Test("an amount sealed by JSONEncoder and by the bulk writer opens to the same entry")
    func bothWritersOpenAlike() throws {
        let encoded = try JSONEncoder().encode(DoseSealing.Amount(microsieverts: 420, belowReportingLevel: false))
        let opened =
            try DoseSealing.Amount(bulk: Array(encoded))
            ?? JSONDecoder().decode(DoseSealing.Amount.self, from: encoded)
        #expect(opened.microsieverts == 420 && !opened.belowReportingLevel)
    }
}

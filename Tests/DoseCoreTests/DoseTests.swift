import DoseCore
import Foundation
import Testing

@Suite("Dose")
struct DoseTests {
    @Test(
        "parses decimal millisieverts exactly",
        arguments: [
            ("0.28", Int64(280)), ("20", 20_000), ("1.234", 1_234), ("0", 0), ("0.001", 1), ("007.5", 7_500),
            ("10000", 10_000_000), ("10000.000", 10_000_000), ("1.2", 1_200),
        ])
    func parses(text: String, microsieverts: Int64) throws {
        #expect(try Dose(mSv: text).microsieverts == microsieverts)
    }

    @Test(
        "refuses anything that is not a plain decimal within 10 Sv",
        arguments: [
            "1.2345", "-1", "+1", "1e3", "NaN", "inf", "", " ", "1,5", "1.", ".5", "1..2", "1.2.3", " 1", "1 ",
            "10000.001", "10001", "99999999999999999999999999", "０.５", "0x10",
            String(repeating: "1", count: 10_000),
        ])
    func refuses(text: String) {
        #expect(throws: ValidationError.self) { try Dose(mSv: text) }
    }

    @Test(
        "prints two decimals, or three when the last digit is needed",
        arguments: [
            (Int64(280), "0.28"), (1_234, "1.234"), (20_000, "20.00"), (0, "0.00"), (1, "0.001"), (10, "0.01"),
            (-280, "-0.28"), (Int64.min, "-9223372036854775.808"),
        ])
    func prints(microsieverts: Int64, text: String) {
        #expect(Dose(microsieverts: microsieverts).mSvText == text)
    }

    @Test("printing then parsing gives the same dose for every micro-sievert step")
    func roundTrip() throws {
        for value in stride(from: Int64(0), through: 25_000, by: 1) {
            #expect(try Dose(mSv: Dose(microsieverts: value).mSvText).microsieverts == value)
        }
    }

    @Test("sums are exact where floating point would drift")
    func exactSums() throws {
        let tenth = try Dose(mSv: "0.1")
        let total = try Dose.sum(Array(repeating: tenth, count: 10))
        #expect(total == (try Dose(mSv: "1")))
        #expect(tenth + tenth + tenth == Dose(microsieverts: 300))
        #expect(Dose.zero < tenth)
    }

    @Test("overflowing sums are reported instead of trapping")
    func overflow() {
        let huge = Dose(microsieverts: .max)
        #expect(throws: ValidationError.self) { try huge.adding(Dose(microsieverts: 1)) }
        #expect(throws: ValidationError.self) { try Dose.sum([huge, huge]) }
        #expect((try? Dose.sum([Dose]())) == .zero)
    }

    @Test("encodes as the integer number of micro-sieverts")
    func coding() throws {
        let data = try JSONEncoder().encode([Dose(microsieverts: 280)])
        #expect(String(decoding: data, as: UTF8.self) == "[280]")
        #expect(try JSONDecoder().decode([Dose].self, from: data) == [Dose(microsieverts: 280)])
    }
}

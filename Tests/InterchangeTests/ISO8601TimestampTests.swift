import Foundation
import Interchange
import SeededRandom
import Testing

@Suite("ISO 8601 timestamps")
struct ISO8601TimestampTests {
    @Test(
        "parses UTC, offsets and fractions",
        arguments: [
            ("2024-05-01T10:20:30Z", 1_714_558_830.0), ("2024-05-01T11:20:30+01:00", 1_714_558_830.0),
            ("2024-05-01T05:50:30-04:30", 1_714_558_830.0), ("2024-05-01t10:20:30z", 1_714_558_830.0),
            ("2024-05-01T10:20:30.25Z", 1_714_558_830.25), ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59Z", -1), ("2024-02-29T00:00:00.000000001Z", 1_709_164_800.000000001),
        ])
    func parses(text: String, seconds: Double) throws {
        let date = try #require(ISO8601Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(
        "refuses anything else",
        arguments: [
            "", "2024-05-01", "2024-05-01T10:20:30", "2024-05-01 10:20:30Z", "2024-05-01T10:20Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T10:60:00Z", "2024-05-01T10:20:60Z", "2023-02-29T10:20:30Z", "2024-13-01T10:20:30Z",
            "2024-05-01T10:20:30.Z", "2024-05-01T10:20:30.1234567890Z", "2024-05-01T10:20:30+0100",
            "2024-05-01T10:20:30+01", "2024-05-01T10:20:30Z ", "01/05/2024 10:20", "2024-05-01T10:20:30+24:00",
            String(repeating: "9", count: 10_000),
        ])
    func refuses(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }

    @Test("formats in UTC with the fraction only when there is one")
    func formats() {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_714_558_830)) == "2024-05-01T10:20:30Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_714_558_830.25)) == "2024-05-01T10:20:30.25Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
        #expect(ISO8601Timestamp.format(.distantFuture) == "4001-01-01T00:00:00Z")
    }

    @Test("formatting then parsing keeps the instant to the microsecond and the text exactly")
    func roundTrip() throws {
        var random = TestRandom(seed: 3)
        for _ in 0..<10_000 {
            let seconds = Int64.random(in: -3_000_000_000...7_000_000_000, using: &random)
            let micros = Int64.random(in: 0..<1_000_000, using: &random)
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1e6)
            let text = ISO8601Timestamp.format(date)
            let parsed = try #require(ISO8601Timestamp.parse(text), "\(text)")
            #expect(abs(parsed.timeIntervalSince(date)) <= 1e-6, "\(text)")
            #expect(ISO8601Timestamp.format(parsed) == text)
        }
    }

    @Test("whole-millisecond instants of this era come back identical")
    func exactMilliseconds() throws {
        var random = TestRandom(seed: 4)
        for _ in 0..<10_000 {
            let seconds = Int64.random(in: 946_684_800...1_893_456_000, using: &random)
            let millis = Int64.random(in: 0..<1000, using: &random)
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
            #expect(ISO8601Timestamp.parse(ISO8601Timestamp.format(date)) == date)
        }
    }
}

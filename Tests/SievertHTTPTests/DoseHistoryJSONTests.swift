import DoseCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SievertApp
import SievertHTTP
import SievertServices
import SievertTestSupport
import Synchronization
import Testing

/// The dose history is written by hand for speed; it must stay byte for byte what the API's response encoder
/// writes for the same value, whatever the entries, instants and supersessions.
@Suite("The dose history's JSON")
struct DoseHistoryJSONTests {
    static let console = Caller.console(requestID: "history-json")

    /// The response encoder's configuration (`SievertRequestContext.responseEncoder`).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    @Test("random histories: the hand-written bytes equal JSONEncoder's")
    func sameBytesAsTheEncoder() async throws {
        // Instants with milliseconds, at any time of day, from 2016 (after the entries' periods) to 2100.
        let instants = Mutex<[Date]>([])
        let clock: @Sendable () -> Date = {
            let date = Date(
                timeIntervalSince1970: Double(Int64.random(in: 1_451_606_400_000...4_102_444_800_000)) / 1000)
            instants.withLock { $0.append(date) }
            return date
        }
        try await withTestRuntime(.sqlite, clock: clock) { test in
            let sievert = test.sievert
            _ = try await sievert.organisations.register(
                NewOrganisation(code: "JSON", name: "JSON Trust", kind: "nhs-trust"), by: Self.console)
            var generator = SystemRandomNumberGenerator()
            var written = 0
            for wearer in 0..<6 {
                var input = NewPerson(surname: "Jsonwearer")
                input.dateOfBirth = "1980-05-05"
                input.staffNumber = "J\(wearer)"
                input.designation = "classified"
                input.startDate = "2010-01-01"
                let person = try await sievert.people.register(input, in: "JSON", by: Self.console)
                var recorded: [DoseEntryView] = []
                // The first wearer has an empty history; each other one at least five entries, so the six always
                // hold more than 20 between them.
                let months = wearer == 0 ? 0 : Int.random(in: 5...30, using: &generator)
                for month in 0..<months {
                    let year = 2012 + month / 12
                    var first = "\(year)-\(String(format: "%02d", month % 12 + 1))-01"
                    var last = "\(year)-\(String(format: "%02d", month % 12 + 1))-28"
                    var quantity =
                        ["effective", "skin", "extremity", "lens"].randomElement(using: &generator) ?? "skin"
                    // A correction is of the entry it supersedes: the same period and quantity.
                    let superseded = Bool.random(using: &generator) ? recorded.last : nil
                    if let superseded {
                        first = superseded.periodBegin.description
                        last = superseded.periodEnd.description
                        quantity = superseded.quantity.rawValue
                    }
                    let entry = NewDoseEntry(
                        periodBegin: first, periodEnd: last, quantity: quantity, kind: "estimated",
                        mSv:
                            "\(Int.random(in: 0...4_000, using: &generator) / 1000).\(Int.random(in: 0...999, using: &generator))",
                        supersedes: superseded?.id.description)
                    recorded.append(try await sievert.doses.record(entry, for: person.id, by: Self.console))
                }
                let history = try await sievert.doses.history(of: person.id, by: Self.console)

                // validate
                let expected = try Self.encoder().encode(history)
                #expect(
                    history.jsonBytes() == Array(expected),
                    "\(String(decoding: history.jsonBytes(), as: UTF8.self))\n!=\n\(String(decoding: expected, as: UTF8.self))"
                )
                #expect(history.entries.count == recorded.count)
                written += recorded.count
            }
            #expect(written > 20, "the histories compared hold entries")
            #expect(instants.withLock { $0.count } > 6)
        }
    }

    @Test("the API's history answer is the history's bytes, as JSON with its length")
    func servedOverHTTP() async throws {
        try await withAPI { fixture in
            try await fixture.app.testOnSocket { client in
                let created = try await client.call(
                    "/api/v1/organisations/ORGA/people", .post, token: fixture.leadA, body: alice)
                #expect(created.status == .created)
                let person = try created.json(PersonView.self)
                _ = try await fixture.test.sievert.doses.record(
                    NewDoseEntry(
                        periodBegin: "2025-01-01", periodEnd: "2025-01-31", quantity: "effective", kind: "estimated",
                        mSv: "0.42"),
                    for: person.id, by: Self.console)

                let response = try await client.call("/api/v1/people/\(person.id)/doses", token: fixture.leadA)

                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                let history = try await fixture.test.sievert.doses.history(of: person.id, by: Self.console)
                #expect(history.entries.count == 1)
                #expect(Array(response.body.readableBytesView) == history.jsonBytes())
                #expect(Array(response.body.readableBytesView) == Array(try Self.encoder().encode(history)))
            }
        }
    }
}

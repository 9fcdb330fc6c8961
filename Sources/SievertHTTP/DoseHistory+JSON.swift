import DoseCore
import Foundation
import Interchange
import SievertServices

/// A dose history as the API's JSON, byte for byte what the response encoder writes (sorted keys, slashes as they
/// are, instants in ISO 8601 to the second, absent supersessions left out), written directly. A history holds every
/// entry of a person's record and is the API's most read answer; Foundation's `JSONEncoder` took a fifth of the
/// server's time answering it. `DoseHistoryJSONTests` holds the two encoders to the same bytes.
extension DoseHistory {
    public func jsonBytes() -> [UInt8] {
        var json = JSONBytes()
        json.bytes.reserveCapacity(512 + entries.count * 330)
        json.open()
        json.key("byEmployment")
        json.list(byEmployment) { json, employment in
            json.open()
            json.key("employment")
            json.string(employment.employment.description)
            json.key("totals")
            json.list(employment.totals) { $0.totals($1) }
            json.close()
        }
        json.key("entries")
        json.list(entries) { json, entry in
            json.open()
            json.key("belowReportingLevel")
            json.bool(entry.belowReportingLevel)
            json.key("counts")
            json.bool(entry.counts)
            json.key("employment")
            json.string(entry.employment.description)
            json.key("id")
            json.string(entry.id.description)
            json.key("kind")
            json.string(entry.kind.rawValue)
            json.key("mSv")
            json.string(entry.mSv)
            json.key("operationalQuantity")
            json.string(entry.operationalQuantity)
            json.key("periodBegin")
            json.string(entry.periodBegin.iso)
            json.key("periodEnd")
            json.string(entry.periodEnd.iso)
            json.key("quantity")
            json.string(entry.quantity.rawValue)
            json.key("recordedAt")
            json.instant(entry.recordedAt)
            if let supersedes = entry.supersedes {
                json.key("supersedes")
                json.string(supersedes.description)
            }
            json.close()
        }
        json.key("person")
        json.string(person.description)
        json.key("reportingPeriod")
        json.open()
        json.key("begin")
        json.string(reportingPeriod.begin.iso)
        json.key("end")
        json.string(reportingPeriod.end.iso)
        json.close()
        json.key("totals")
        json.list(totals) { $0.totals($1) }
        json.close()
        return json.bytes
    }
}

/// The few JSON shapes the history needs, appended to one byte array.
private struct JSONBytes {
    var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    mutating func open() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func list<Element>(_ elements: [Element], _ body: (inout JSONBytes, Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements { body(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func string(_ value: String) {
        separate()
        quoted(value)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        needsComma = true
    }

    mutating func totals(_ totals: QuantityTotalsView) {
        open()
        key("fiveYears")
        string(totals.fiveYears)
        key("lifetime")
        string(totals.lifetime)
        key("period")
        string(totals.period)
        key("quantity")
        string(totals.quantity.rawValue)
        key("quarterToDate")
        string(totals.quarterToDate)
        key("yearToDate")
        string(totals.yearToDate)
        close()
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, the fraction of the second dropped, as `JSONEncoder`'s `.iso8601` writes it.
    mutating func instant(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let time = (seconds % 86_400 + 86_400) % 86_400
        let day = CalendarDate(date)
        let clock = [time / 3600, time / 60 % 60, time % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }
        string("\(day.iso)T\(clock[0]):\(clock[1]):\(clock[2])Z")
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func quoted(_ value: String) {
        JSONString.append(value, to: &bytes)
    }
}

import BenchmarkFixtures
import DoseCore
import Foundation
import Linkage
import SievertStorage
import Vault

/// Every wearer's monthly entries, month by month: effective and skin dose each month, the lens dose one month in
/// twelve (25 entries a wearer a year, 1,000 over 40 years). A month in ten has a dose of 0.01–2.00 mSv per
/// quantity, the others are below the reporting level. Deterministic: the same month always gives the same entries.
struct EntryPlan: Sendable {
    let wearers: [ScaleWearer]
    let firstYear: Int
    let years: Int

    var months: Int { years * 12 }
    var entriesPerWearer: Int { years * 25 }

    /// A month's entries, sealed across the cores, and the first wearer's effective dose in it (µSv).
    struct Batch: Sendable {
        var rows: [DoseEntryRow]
        var firstWearerEffective: Int64
    }

    /// What `DoseSealing` seals: `{"microsieverts":…,"belowReportingLevel":…}`, under the person's data key, bound to
    /// organisation | dose_entries | amount | entry id. (Internal to SievertServices, so mirrored here; the
    /// measurement opens the entries with the real code, so a difference fails it.)
    struct Amount: Codable {
        var microsieverts: Int64
        var belowReportingLevel: Bool
    }

    func sealedMonth(_ index: Int) async throws -> Batch {
        guard let period = DosePeriod.month(year: firstYear + index / 12, month: index % 12 + 1) else {
            throw FixtureError(description: "no month \(index)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let end = period.end
        // Recorded three weeks after the period, a millisecond apart, so ids rise in insertion order.
        let base =
            calendar.date(from: DateComponents(year: end.year, month: end.month, day: end.day, hour: 9))?
            .addingTimeInterval(21 * 86_400) ?? Date()
        let wearers = self.wearers
        let parts = 8
        let size = (wearers.count + parts - 1) / parts
        return try await withThrowingTaskGroup(of: (Int, [DoseEntryRow], Int64).self) { group in
            for part in 0..<parts {
                let range = (part * size)..<min((part + 1) * size, wearers.count)
                guard !range.isEmpty else { continue }
                group.addTask {
                    var ids = SplitMix64(seed: 0x5CA1E ^ UInt64(index) << 24 ^ UInt64(part))
                    let encoder = JSONEncoder()
                    var rows: [DoseEntryRow] = []
                    rows.reserveCapacity(range.count * 3)
                    var first: Int64 = 0
                    for wearerIndex in range {
                        let wearer = wearers[wearerIndex]
                        var random = SplitMix64(seed: 0xD05E ^ UInt64(wearerIndex) << 20 ^ UInt64(index))
                        var quantities: [Quantity] = [.effective, .skin]
                        if (index + wearerIndex) % 12 == 0 { quantities.append(.lens) }
                        for (offset, quantity) in quantities.enumerated() {
                            let measured = Int.random(in: 0..<10, using: &random) == 0
                            let microsieverts = measured ? Int64.random(in: 1...200, using: &random) * 10 : 0
                            let recordedAt = base.addingTimeInterval(Double(wearerIndex * 3 + offset) / 1000)
                            let id = DoseEntryID.generate(now: recordedAt, using: &ids)
                            let amount = try encoder.encode(
                                Amount(microsieverts: microsieverts, belowReportingLevel: microsieverts == 0))
                            let sealed = try wearer.sealer.seal(
                                amount,
                                binding: AssociatedData(
                                    organisation: wearer.organisation.description, table: "dose_entries",
                                    column: "amount", row: id.description))
                            rows.append(
                                DoseEntryRow(
                                    id: id, organisationID: wearer.organisation, employmentID: wearer.employment,
                                    personID: wearer.person, periodBegin: period.begin, periodEnd: period.end,
                                    quantity: quantity.rawValue, kind: DoseEntryKind.measured.rawValue,
                                    supersedes: nil, sealedAmount: sealed, recordedAt: recordedAt))
                            if wearerIndex == 0, quantity == .effective { first += microsieverts }
                        }
                    }
                    return (part, rows, first)
                }
            }
            var results = [[DoseEntryRow]](repeating: [], count: parts)
            var first: Int64 = 0
            for try await (part, rows, effective) in group {
                results[part] = rows
                first += effective
            }
            return Batch(rows: results.flatMap { $0 }, firstWearerEffective: first)
        }
    }
}

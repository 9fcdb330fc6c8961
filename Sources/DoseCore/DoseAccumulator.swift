import Foundation

/// Adds up the dose of record: the entries that still count (none supersedes them), per quantity, over a
/// period, quarter-to-date, year-to-date, five calendar years and a lifetime, for one employment or for a
/// person across all their employers.
///
/// Built once from the entries, it answers each total with two binary searches over running sums.
public struct DoseAccumulator: Sendable {
    /// The entries that count, ordered by period end (then by id, for a stable order).
    public let current: [DoseEntry]

    private struct SeriesKey: Hashable {
        var scope: DoseScope
        var quantity: Quantity
    }

    // Period-end days in ascending order, with the running total of the amounts up to each one.
    private struct Series {
        var endDays: [Int] = []
        var runningTotals: [Int64] = []
    }

    private let series: [SeriesKey: Series]

    // Each scope's entries of every quantity, as positions in `current` (so in order of period end): listing one
    // wearer's entries reads only theirs, not the whole organisation's.
    private let byScope: [DoseScope: [Int]]

    /// Accumulates `entries`, leaving out every entry another one supersedes. With `knownAt`, only the
    /// entries recorded at or before it are used, which reproduces the record as it stood then.
    public init(entries: some Sequence<DoseEntry>, knownAt: Date? = nil) {
        let known = knownAt.map { cutoff in entries.filter { $0.recordedAt <= cutoff } } ?? Array(entries)
        current = DoseEntry.current(known).sorted {
            ($0.period.end, $0.id) < ($1.period.end, $1.id)
        }
        var series: [SeriesKey: Series] = [:]
        var byScope: [DoseScope: [Int]] = [:]
        for (position, entry) in current.enumerated() {
            for scope in [DoseScope.employment(entry.employmentID), .person(entry.personID)] {
                byScope[scope, default: []].append(position)
                let key = SeriesKey(scope: scope, quantity: entry.quantity)
                var line = series[key] ?? Series()
                // Every amount is at most 10 Sv (DoseEntry checks it), so running totals cannot overflow.
                line.endDays.append(entry.period.end.daysSince1970)
                line.runningTotals.append((line.runningTotals.last ?? 0) + entry.amount.microsieverts)
                series[key] = line
            }
        }
        self.series = series
        self.byScope = byScope
    }

    /// The dose of `quantities` in `scope` from the entries whose period ends within `window`.
    public func total(of quantities: Set<Quantity>, in scope: DoseScope, endingIn window: DosePeriod) -> Dose {
        var total: Int64 = 0
        for quantity in quantities {
            guard let line = series[SeriesKey(scope: scope, quantity: quantity)] else { continue }
            let below = Self.countBefore(window.begin.daysSince1970, in: line.endDays)
            let upTo = Self.countBefore(window.end.daysSince1970 + 1, in: line.endDays)
            let before = below == 0 ? 0 : line.runningTotals[below - 1]
            let through = upTo == 0 ? 0 : line.runningTotals[upTo - 1]
            total += through - before
        }
        return Dose(microsieverts: total)
    }

    /// The dose of `quantity` in `scope` from the entries whose period ends within `window`.
    public func total(of quantity: Quantity, in scope: DoseScope, endingIn window: DosePeriod) -> Dose {
        total(of: [quantity], in: scope, endingIn: window)
    }

    /// The dose counting against the limit on `quantity` (effective dose adds neutron to photon Hp(10)) in
    /// `scope` from the entries whose period ends within `window`.
    public func total(countingAgainst quantity: LimitedQuantity, in scope: DoseScope, endingIn window: DosePeriod)
        -> Dose
    {
        total(of: quantity.contributors, in: scope, endingIn: window)
    }

    /// Period, quarter-to-date, year-to-date, five-year and lifetime totals of `quantities` in `scope` for
    /// the reporting period `period`, each counting entries by the end of their period (see ``DoseTotals``).
    public func totals(of quantities: Set<Quantity>, in scope: DoseScope, for period: DosePeriod) -> DoseTotals {
        let end = period.end
        func upToEnd(from begin: CalendarDate) -> Dose {
            total(of: quantities, in: scope, endingIn: DosePeriod(uncheckedBegin: min(begin, end), end: end))
        }
        let yearStart = DosePeriod.calendarYear(containing: end).begin
        let fiveYearStart = DosePeriod.calendarYear(end.year - 4)?.begin ?? CalendarDate.first
        return DoseTotals(
            period: total(of: quantities, in: scope, endingIn: period),
            quarterToDate: upToEnd(from: DosePeriod.quarter(containing: end).begin),
            yearToDate: upToEnd(from: yearStart),
            fiveYears: upToEnd(from: fiveYearStart),
            lifetime: upToEnd(from: CalendarDate.first))
    }

    /// The totals of one recorded `quantity`, as the overload for a set of quantities counts them.
    public func totals(of quantity: Quantity, in scope: DoseScope, for period: DosePeriod) -> DoseTotals {
        totals(of: [quantity], in: scope, for: period)
    }

    /// The totals counting against the limit on `quantity`, as the overload for a set of quantities counts them.
    public func totals(countingAgainst quantity: LimitedQuantity, in scope: DoseScope, for period: DosePeriod)
        -> DoseTotals
    {
        totals(of: quantity.contributors, in: scope, for: period)
    }

    /// The entries that count, of `quantities` in `scope`, whose period ends within `window`, ordered by
    /// period end.
    public func entries(of quantities: Set<Quantity>, in scope: DoseScope, endingIn window: DosePeriod) -> [DoseEntry] {
        guard let positions = byScope[scope] else { return [] }
        let endDay = { (index: Int) in self.current[positions[index]].period.end.daysSince1970 }
        let first = Self.countBefore(window.begin.daysSince1970, count: positions.count, key: endDay)
        let end = Self.countBefore(window.end.daysSince1970 + 1, count: positions.count, key: endDay)
        return positions[first..<max(first, end)].map { current[$0] }.filter { quantities.contains($0.quantity) }
    }

    /// The entries that count, of `quantities` in `scope`, whose period shares at least one day with `window`.
    public func entries(of quantities: Set<Quantity>, in scope: DoseScope, overlapping window: DosePeriod)
        -> [DoseEntry]
    {
        guard let positions = byScope[scope] else { return [] }
        return positions.map { current[$0] }.filter { entry in
            quantities.contains(entry.quantity) && entry.period.overlappingDays(with: window) > 0
        }
    }

    // The number of values in the ascending `values` that are below `bound`.
    private static func countBefore(_ bound: Int, in values: [Int]) -> Int {
        countBefore(bound, count: values.count) { values[$0] }
    }

    // The number of indices in 0..<count whose ascending `key` is below `bound`.
    private static func countBefore(_ bound: Int, count: Int, key: (Int) -> Int) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if key(middle) < bound {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}

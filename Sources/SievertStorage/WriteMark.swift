/// The dose entries one chunked apply wrote, as the store that wrote them numbers its rows: a later read given the
/// mark leaves exactly those entries out (``RecordStore/doseEntries(ofPeople:endingIn:excluding:scope:)``).
///
/// A use case that wrote a million entries and holds them in clear need not read them back to check the record:
/// it reads what was there before (and what others wrote since) and adds its own. A store that cannot number its
/// rows gives no mark, and a read without one returns every entry.
public struct WriteMark: Sendable, Hashable {
    /// The store's row numbers of the entries written, first to last (every number between was written then).
    public let rows: ClosedRange<Int64>

    public init(rows: ClosedRange<Int64>) {
        self.rows = rows
    }
}

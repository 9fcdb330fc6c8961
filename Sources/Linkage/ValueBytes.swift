/// The bytes of every value of a ``ValueTable`` in one allocation, read through plain pointers.
///
/// Comparing a pair reads up to ten values of each record, and reading a value as an `[UInt8]` costs an atomic
/// reference-count increment and decrement on a buffer the other threads read too: profiling a cleanse showed
/// those to be its largest single cost. The storage is written once, only read afterwards, and lives as long as
/// the records that name it.
final class ValueBytes: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    private let starts: UnsafeMutableBufferPointer<Int>

    /// A copy of `table`'s values.
    init(_ table: ValueTable) {
        storage = .allocate(capacity: max(1, table.storage.count))
        _ = storage.initialize(from: table.storage)
        starts = .allocate(capacity: table.starts.count)
        _ = starts.initialize(from: table.starts)
    }

    deinit {
        storage.deallocate()
        starts.deallocate()
    }

    /// The bytes of the value with id `id` (not `-1`), valid while this object lives.
    subscript(id: Int32) -> UnsafeBufferPointer<UInt8> {
        let index = Int(id)
        return UnsafeBufferPointer(rebasing: storage[starts[index]..<starts[index + 1]])
    }
}

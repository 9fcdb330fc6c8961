/// Interns normalised values: each distinct string is stored once and named by a small integer, so comparing
/// two records' values for equality is comparing two integers, and counting a value's frequency is an array
/// look-up.
struct ValueTable: Sendable {
    private var ids: [String: Int32] = [:]
    /// The UTF-8 bytes of every value one after another, value `id` at `starts[id]..<starts[id + 1]`: one buffer
    /// rather than one array per value, since a million records intern millions of values and each array is an
    /// allocation to make and to free.
    private(set) var storage: [UInt8] = []
    private(set) var starts: [Int] = [0]

    /// The id of `value`, adding it if new; `-1` for `nil` or empty.
    mutating func id(_ value: String?) -> Int32 {
        guard let value, !value.isEmpty else { return -1 }
        if let id = ids[value] { return id }
        let id = Int32(count)
        ids[value] = id
        storage.append(contentsOf: value.utf8)
        starts.append(storage.count)
        return id
    }

    /// Makes room for about `values` distinct values of `bytes` bytes in all.
    mutating func reserveCapacity(values: Int, bytes: Int) {
        ids.reserveCapacity(values)
        starts.reserveCapacity(values + 1)
        storage.reserveCapacity(bytes)
    }

    /// The id of `value` if it is already in the table.
    func existingID(_ value: String) -> Int32? { ids[value] }

    /// The UTF-8 bytes of `id`.
    func bytes(_ id: Int32) -> ArraySlice<UInt8> { storage[starts[Int(id)]..<starts[Int(id) + 1]] }

    /// The value of `id` as text.
    func string(_ id: Int32) -> String { String(decoding: bytes(id), as: UTF8.self) }

    /// The number of distinct values.
    var count: Int { starts.count - 1 }
}

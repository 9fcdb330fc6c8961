/// Interns normalised values: each distinct string is stored once and named by a small integer, so comparing
/// two records' values for equality is comparing two integers, and counting a value's frequency is an array
/// look-up.
struct ValueTable: Sendable {
    private var ids: [String: Int32] = [:]
    /// The UTF-8 bytes of each value, by id.
    private(set) var bytes: [[UInt8]] = []

    /// The id of `value`, adding it if new; `-1` for `nil` or empty.
    mutating func id(_ value: String?) -> Int32 {
        guard let value, !value.isEmpty else { return -1 }
        if let id = ids[value] { return id }
        let id = Int32(bytes.count)
        ids[value] = id
        bytes.append(Array(value.utf8))
        return id
    }

    /// The id of `value` if it is already in the table.
    func existingID(_ value: String) -> Int32? { ids[value] }

    /// The value of `id` as text.
    func string(_ id: Int32) -> String { String(decoding: bytes[Int(id)], as: UTF8.self) }

    /// The number of distinct values.
    var count: Int { bytes.count }
}

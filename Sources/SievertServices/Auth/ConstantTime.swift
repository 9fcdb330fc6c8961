/// Comparison of secrets whose time does not depend on where they first differ (codes, form tokens).
public enum ConstantTime {
    /// Whether `left` and `right` have the same UTF-8 bytes; only the length shows in the timing.
    public static func equals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

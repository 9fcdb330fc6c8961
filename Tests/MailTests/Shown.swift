import Testing

/// A test argument shown escaped and cut to 60 characters, so that hostile inputs (line breaks, 10 kB strings)
/// keep the test output readable.
struct Shown: Sendable, CustomTestStringConvertible {
    let value: String

    init(_ value: String) { self.value = value }

    var testDescription: String {
        let escaped = value.debugDescription
        return escaped.count <= 60 ? escaped : escaped.prefix(57) + "…\" (\(value.utf8.count) bytes)"
    }
}

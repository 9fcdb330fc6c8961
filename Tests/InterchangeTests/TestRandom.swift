import SeededRandom

// A tiny seeded generator so property tests are reproducible: a failure names its seed.
typealias TestRandom = SplitMix64

extension Array where Element == UInt8 {
    init(_ text: String) {
        self = Array(text.utf8)
    }
}

import Testing

@testable import SievertServices

@Suite("Random bits read in bulk")
struct BulkRandomTests {
    @Test("words across many refills are all different: each refill reads new bits")
    func refills() {
        var random = BulkRandom(refillWords: 4)
        let words = (0..<4_000).map { _ in random.next() }
        #expect(Set(words).count == words.count)
        // 4,000 uniform bytes miss one of the 256 values about once in 25,000 runs, and more than 5 never.
        #expect(Set(words.map { $0 & 0xFF }).count > 250, "low bytes spread over the byte's 256 values")
    }
}

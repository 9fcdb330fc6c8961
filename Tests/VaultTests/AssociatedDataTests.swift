import SeededRandom
import Testing

@testable import Vault

@Suite("Associated data")
struct AssociatedDataTests {
    @Test("Canonical bytes are the domain then each component, all length-prefixed big-endian")
    func layout() {
        #expect(
            Fixture.binding.canonicalBytes.hex
                == "0000000f736965766572742e616561642e7631000000086f72672d303030310000000670656f706c650000000773"
                + "75726e616d6500000009706572736f6e2d3432"
        )
        let empty = AssociatedData(organisation: "", table: "", column: "", row: "")
        #expect(
            empty.canonicalBytes == [0, 0, 0, 15] + Array("sievert.aead.v1".utf8) + [UInt8](repeating: 0, count: 16))
    }

    @Test("Distinct bindings give distinct bytes, including shifted boundaries")
    func injective() {
        var rng = SeededGenerator(seed: 0xADAD)
        var seen: [[UInt8]: AssociatedData] = [:]
        for _ in 0..<5_000 {
            let binding = rng.associatedData()
            if let earlier = seen[binding.canonicalBytes] {
                #expect(earlier == binding)
            }
            seen[binding.canonicalBytes] = binding
        }
        let a = AssociatedData(organisation: "ab", table: "c", column: "", row: "")
        let b = AssociatedData(organisation: "a", table: "bc", column: "", row: "")
        #expect(a.canonicalBytes != b.canonicalBytes)
    }
}

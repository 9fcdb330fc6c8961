import Crypto
import SeededRandom
import Testing

@testable import Vault

@Suite("Blind indexes")
struct BlindIndexTests {
    static let field = BlindIndexField(name: "people.nino", bits: 19)

    @Test("The same value, field, context and master key always give the same index")
    func deterministic() throws {
        let master = DataKey.generate()
        let first = try BlindIndexer(masterKey: master).index("QQ123456", field: Self.field)
        let second = try BlindIndexer(masterKey: master, fields: [Self.field]).index("QQ123456", field: Self.field)
        #expect(first == second)
    }

    @Test("Indexes differ per field, per context and per master key")
    func separated() throws {
        // setup: a 64-bit width so an accidental collision has probability 2^-64
        let wide = BlindIndexField(name: "people.nino", bits: 64)
        let master = DataKey.generate()
        let indexer = BlindIndexer(masterKey: master)
        let base = try indexer.index("QQ123456", field: wide)
        // validate
        #expect(try indexer.index("QQ123456", field: wide.renamed("employments.staff_number")) != base)
        #expect(try indexer.index("QQ123456", field: wide, context: "org-0001") != base)
        #expect(
            try indexer.index("QQ123456", field: wide, context: "org-0002")
                != indexer.index("QQ123456", field: wide, context: "org-0001"))
        #expect(try BlindIndexer(masterKey: DataKey.generate()).index("QQ123456", field: wide) != base)
        #expect(try indexer.index("QQ123457", field: wide) != base)
        // The length prefix keeps context and value apart.
        #expect(try indexer.index("bc", field: wide, context: "a") != indexer.index("c", field: wide, context: "ab"))
    }

    @Test("Every width from 1 to 64 bits is respected, and the narrow index is the wide one's leading bits")
    func widths() throws {
        let indexer = BlindIndexer(masterKey: DataKey.generate())
        var rng = SeededGenerator(seed: 0xB1)
        for bits in 1...64 {
            let field = BlindIndexField(name: "f", bits: bits)
            for _ in 0..<50 {
                let value = rng.text(maxLength: 20)
                let index = try indexer.index(value, field: field)
                let full = try indexer.index(value, field: BlindIndexField(name: "f", bits: 64))
                #expect(bits == 64 || index < (UInt64(1) << bits), "bits \(bits) value \(index)")
                #expect(index == full >> UInt64(64 - bits))
            }
        }
    }

    @Test("A 4-bit index over 20,000 values the spread is roughly uniform")
    func uniform() throws {
        let indexer = BlindIndexer(masterKey: DataKey.generate())
        let field = BlindIndexField(name: "people.nino", bits: 4)
        var buckets = [Int](repeating: 0, count: 16)
        for n in 0..<20_000 {
            buckets[Int(try indexer.index("QQ\(100_000 + n)", field: field))] += 1
        }
        // Expected 1,250 per bucket; 5 standard deviations is about ±170.
        #expect(buckets.allSatisfy { (1_080...1_420).contains($0) }, "\(buckets)")
    }

    @Test("Low-entropy fields and invalid widths are refused")
    func refusals() {
        let indexer = BlindIndexer(masterKey: DataKey.generate())
        let dateOfBirth = BlindIndexField(name: "people.date_of_birth", bits: 8, isLowEntropy: true)
        #expect(vaultError { try indexer.index("1980-01-01", field: dateOfBirth) } == .lowEntropyField)
        let sex = BlindIndexField(name: "people.sex", bits: 1, isLowEntropy: true)
        #expect(vaultError { try indexer.index("F", field: sex) } == .lowEntropyField)
        #expect(vaultError { try indexer.index("x", field: BlindIndexField(name: "f", bits: 0)) } == .invalidIndexBits)
        #expect(vaultError { try indexer.index("x", field: BlindIndexField(name: "f", bits: 65)) } == .invalidIndexBits)
        #expect(vaultError { try indexer.index("x", field: BlindIndexField(name: "f", bits: -3)) } == .invalidIndexBits)
    }

    @Test("The field key is HKDF(master, salt, field name), independent of how the indexer was built")
    func derivation() throws {
        let master = DataKey.generate()
        let fieldKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: master.key,
            salt: Array("sievert.blind-index.v1".utf8),
            info: Array("people.nino".utf8),
            outputByteCount: 32
        )
        let tag = HMAC<SHA256>.authenticationCode(for: [0, 0, 0, 3] + Array("orgQQ123456".utf8), using: fieldKey)
        let expected = Array(tag).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 45
        #expect(try BlindIndexer(masterKey: master).index("QQ123456", field: Self.field, context: "org") == expected)
    }
}

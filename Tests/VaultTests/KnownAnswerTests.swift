import Crypto
import Testing

@testable import Vault

@Suite("Known-answer tests")
struct KnownAnswerTests {
    @Test("HKDF-SHA256 through the derivation helper matches RFC 5869 test case 1")
    func hkdfRFC5869() {
        let okm = KeyDerivation.hkdfSHA256(
            inputKeyMaterial: SymmetricKey(data: [UInt8](repeating: 0x0b, count: 22)),
            salt: [UInt8](hex: "000102030405060708090a0b0c"),
            info: [UInt8](hex: "f0f1f2f3f4f5f6f7f8f9"),
            outputByteCount: 42
        )
        #expect(
            Fixture.keyBytes(okm).hex
                == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        )
    }

    @Test("HMAC-SHA256 through the blind-index primitive matches RFC 4231 test case 2")
    func hmacRFC4231() {
        let tag = BlindIndexer.mac(
            key: SymmetricKey(data: Array("Jefe".utf8)),
            message: Array("what do ya want for nothing?".utf8)
        )
        #expect(tag.hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Truncation keeps the leading bits, read big-endian.
        #expect(BlindIndexer.truncate(tag, bits: 64) == 0x5bdc_c146_bf60_754e)
        #expect(BlindIndexer.truncate(tag, bits: 12) == 0x5bd)
        #expect(BlindIndexer.truncate(tag, bits: 1) == 0)
    }

    // Computed independently in Python (hmac/hashlib HKDF and HMAC over the documented message layout), so
    // stored indexes can never change silently.
    @Test("Blind indexes of fixed inputs under a fixed master key are pinned")
    func blindIndexVectors() throws {
        let indexer = BlindIndexer(masterKey: try DataKey(version: 1, key: SymmetricKey(data: [UInt8](0..<32))))
        let nino64 = BlindIndexField(name: "people.nino", bits: 64)
        #expect(try indexer.index("QQ123456", field: nino64) == 0xcc5f_2aee_cf2a_b6bc)
        #expect(try indexer.index("QQ123456", field: .nino(expectedPopulation: 2_000_000)) == 0x662f9)
        let staff = try BlindIndexField.staffNumber(expectedPopulation: 2_000_000)
        #expect(try indexer.index("E12345", field: staff, context: "org-0001") == 0x23797)
    }
}

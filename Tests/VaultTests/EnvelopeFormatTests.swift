import Crypto
import SeededRandom
import Testing

@testable import Vault

@Suite("Envelope format")
struct EnvelopeFormatTests {
    // Computed independently (Python `cryptography` AESGCM over the documented header and associated data), so
    // this pins the on-disk format: header, nonce position, AAD layout and tag. It must never change.
    @Test("A fixed key, nonce and binding give the pinned envelope bytes")
    func knownAnswer() throws {
        // setup
        let key = try DataKey(version: 7, key: SymmetricKey(data: [UInt8](0..<32)))
        let nonce = try AES.GCM.Nonce(data: [UInt8](0xa0..<0xac))
        // MUT
        let envelope = try Sealer(dataKey: key).seal(Array("Sievert KAT".utf8), binding: Fixture.binding, nonce: nonce)
        // validate
        #expect(
            envelope.hex
                == "0100000007a0a1a2a3a4a5a6a7a8a9aaabb571195b20b9769f2924d3e92c4c5b1972b35e6c4ee7edee2a1ad9"
        )
        #expect(try Sealer(dataKey: key).openString(envelope, binding: Fixture.binding) == "Sievert KAT")
    }

    @Test("A fixed wrapped key gives the pinned envelope bytes")
    func keyWrapKnownAnswer() throws {
        let wrapping = try Keyset(primary: 7, keys: [7: SymmetricKey(data: [UInt8](0..<32))])
        let dataKey = try DataKey(version: 3, key: SymmetricKey(data: [UInt8](0x40..<0x60)))
        let context = AssociatedData(organisation: "org-0001", table: "person_keys", column: "key", row: "person-42")
        let envelope = try EnvelopeCipher.seal(
            dataKey.key.withUnsafeBytes { Array($0) },
            key: SymmetricKey(data: [UInt8](0..<32)),
            version: 7,
            binding: context,
            domain: AssociatedData.keyWrapDomain,
            extra: [0, 0, 0, 3],
            nonce: AES.GCM.Nonce(data: [UInt8](0xa0..<0xac))
        )
        #expect(
            envelope.encoded.hex
                == "0100000007a0a1a2a3a4a5a6a7a8a9aaaba6593e6e018e44f82a2ccd984b378e9120fd0b43c6e2143bc4577cdd23f6"
                + "2b5e3c96dd39bc2ffc8e48ec12809ef471cc"
        )
        // The pinned bytes unwrap through the public API.
        let wrapped = WrappedKey(version: 3, wrappingVersion: 7, envelope: envelope.encoded)
        let unwrapped = try KeyWrap.unwrapDataKey(wrapped, with: wrapping, context: context)
        #expect(Fixture.keyBytes(unwrapped.key) == [UInt8](0x40..<0x60))
    }

    @Test("Decoding exposes each part at its documented offset")
    func parts() throws {
        let bytes: [UInt8] =
            [0x01, 0x12, 0x34, 0x56, 0x78] + [UInt8](repeating: 0xaa, count: 12) + [1, 2, 3]
            + [UInt8](repeating: 0xbb, count: 16)
        let envelope = try Envelope(decoding: bytes)
        #expect(envelope.formatVersion == 1)
        #expect(envelope.keyVersion == KeyVersion(0x1234_5678))
        #expect(envelope.nonce == [UInt8](repeating: 0xaa, count: 12))
        #expect(envelope.ciphertext == [1, 2, 3])
        #expect(envelope.tag == [UInt8](repeating: 0xbb, count: 16))
        #expect(envelope.encoded == bytes)
        #expect(Envelope.overhead == 33)
    }

    @Test("Decoding accepts any collection of bytes, not only arrays")
    func slices() throws {
        let bytes = [0xff] + [UInt8](repeating: 1, count: 40)
        let envelope = try Envelope(decoding: bytes[1...])
        #expect(envelope.encoded == [UInt8](repeating: 1, count: 40))
    }

    @Test("Empty, short and unknown-format inputs are rejected with the right error")
    func strictDecoding() {
        #expect(vaultError { try Envelope(decoding: [UInt8]()) } == .malformedEnvelope)
        #expect(vaultError { try Envelope(decoding: [UInt8](repeating: 1, count: 32)) } == .malformedEnvelope)
        #expect(vaultError { try Envelope(decoding: [UInt8](repeating: 1, count: 33)) } == nil)
        #expect(vaultError { try Envelope(decoding: [0x02] + [UInt8](repeating: 0, count: 40)) } == .unsupportedFormat)
        #expect(vaultError { try Envelope(decoding: [0x00]) } == .unsupportedFormat)
    }

    @Test("Ten thousand random byte strings never trap the decoder nor open", arguments: 0..<4)
    func fuzz(chunk: UInt64) throws {
        let seed = 0xF022_0000 + chunk
        var rng = SeededGenerator(seed: seed)
        let sealer = Sealer(keyset: try Fixture.keyset(versions: [1, 2], primary: 1))
        for index in 0..<2_500 {
            var bytes = rng.bytes(Int.random(in: 0...80, using: &rng))
            // Half the inputs get a valid format byte and a live key version, so they reach AES-GCM itself.
            if !bytes.isEmpty, Bool.random(using: &rng) { bytes[0] = 0x01 }
            if bytes.count >= 5, Bool.random(using: &rng) { bytes.replaceSubrange(1..<5, with: [0, 0, 0, 1]) }
            let decoded = try? Envelope(decoding: bytes)
            if let decoded {
                #expect(decoded.encoded == bytes, "seed \(seed) case \(index)")
            }
            #expect(
                vaultError { try sealer.open(bytes, binding: Fixture.binding) } != nil,
                "seed \(seed) case \(index): random bytes opened"
            )
        }
    }
}

import Crypto
import SeededRandom
import Testing

@testable import Vault

@Suite("Sealer")
struct SealerTests {
    @Test("Plaintexts of 0, 1, 100 and 65,536 bytes round-trip", arguments: [0, 1, 100, 65_536])
    func roundTrip(length: Int) throws {
        // setup
        var rng = SeededGenerator(seed: UInt64(length))
        let plaintext = rng.bytes(length)
        let sealer = Sealer(keyset: Keyset.generate())
        // MUT
        let envelope = try sealer.seal(plaintext, binding: Fixture.binding)
        // validate
        #expect(envelope.count == plaintext.count + Envelope.overhead)
        #expect(try sealer.open(envelope, binding: Fixture.binding) == plaintext)
        if length >= 16 {
            #expect(!Fixture.contains(envelope, Array(plaintext.prefix(16))), "plaintext visible in envelope")
        }
    }

    @Test("Strings round-trip, including non-ASCII text")
    func strings() throws {
        let sealer = Sealer(dataKey: DataKey.generate())
        for text in ["", "Smith", "Łukasz Nowak-Ó'Brien", "山田 太郎 🙂"] {
            let envelope = try sealer.seal(string: text, binding: Fixture.binding)
            #expect(try sealer.openString(envelope, binding: Fixture.binding) == text)
        }
        let bytes = try sealer.seal([0xff, 0xfe], binding: Fixture.binding)
        #expect(vaultError { try sealer.openString(bytes, binding: Fixture.binding) } == .invalidUTF8)
    }

    @Test("Sealing the same value twice gives different envelopes (random nonces)")
    func randomised() throws {
        let sealer = Sealer(dataKey: DataKey.generate())
        let first = try sealer.seal(string: "QQ123456C", binding: Fixture.binding)
        let second = try sealer.seal(string: "QQ123456C", binding: Fixture.binding)
        #expect(first != second)
        #expect(first[0..<5] == second[0..<5])
    }

    @Test("The header names the primary version, and every live version still opens")
    func versions() throws {
        let keyset = try Fixture.keyset(versions: [1, 2, 3], primary: 2)
        let old = try Sealer(keyset: keyset).seal(string: "old", binding: Fixture.binding)
        #expect(Array(old[0..<5]) == [1, 0, 0, 0, 2])
        let promoted = try keyset.promoting(3)
        let new = try Sealer(keyset: promoted).seal(string: "new", binding: Fixture.binding)
        #expect(Array(new[0..<5]) == [1, 0, 0, 0, 3])
        #expect(try Sealer(keyset: promoted).openString(old, binding: Fixture.binding) == "old")
    }

    @Test("Every single bit flipped in an envelope of 100 bytes is rejected")
    func everyBitFlip() throws {
        // setup: versions 1–3 so some flipped key versions exist (and must fail on the tag) and some do not
        let keyset = try Fixture.keyset(versions: [1, 2, 3], primary: 2)
        let sealer = Sealer(keyset: keyset)
        var rng = SeededGenerator(seed: 100)
        let envelope = try sealer.seal(rng.bytes(100), binding: Fixture.binding)
        #expect(envelope.count == 133)
        var checked = 0
        for byte in envelope.indices {
            for bit in 0..<8 {
                var mutated = envelope
                mutated[byte] ^= 1 << bit
                // MUT
                let error = vaultError { try sealer.open(mutated, binding: Fixture.binding) }
                // validate
                switch byte {
                case 0:
                    #expect(error == .unsupportedFormat, "byte \(byte) bit \(bit)")
                case 1..<5:
                    // Version 2 with one bit flipped.
                    let named = KeyVersion(2 ^ (1 << UInt32(8 * (4 - byte) + bit)))
                    let expected: VaultError = keyset.contains(named) ? .authenticationFailed : .keyUnavailable(named)
                    #expect(error == expected, "byte \(byte) bit \(bit)")
                default:
                    #expect(error == .authenticationFailed, "byte \(byte) bit \(bit)")
                }
                checked += 1
            }
        }
        #expect(checked == 133 * 8)
    }

    @Test(
        "A ciphertext moved to another organisation, table, column or row fails to open",
        arguments: [
            AssociatedData(organisation: "org-0002", table: "people", column: "surname", row: "person-42"),
            AssociatedData(organisation: "org-0001", table: "employments", column: "surname", row: "person-42"),
            AssociatedData(organisation: "org-0001", table: "people", column: "forenames", row: "person-42"),
            AssociatedData(organisation: "org-0001", table: "people", column: "surname", row: "person-43"),
            // Same concatenated text, different boundaries: the length prefixes must tell them apart.
            AssociatedData(organisation: "org-000", table: "1people", column: "surname", row: "person-42"),
            AssociatedData(organisation: "org-0001", table: "peoples", column: "urname", row: "person-42"),
        ]
    )
    func moved(to other: AssociatedData) throws {
        let sealer = Sealer(dataKey: DataKey.generate())
        let envelope = try sealer.seal(string: "Smith", binding: Fixture.binding)
        #expect(vaultError { try sealer.open(envelope, binding: other) } == .authenticationFailed)
    }

    @Test("Another key, or a key version the sealer does not hold, is refused")
    func wrongKeys() throws {
        let envelope = try Sealer(dataKey: DataKey.generate()).seal(string: "Smith", binding: Fixture.binding)
        let sameVersionOtherKey = Sealer(dataKey: DataKey.generate())
        #expect(
            vaultError { try sameVersionOtherKey.open(envelope, binding: Fixture.binding) } == .authenticationFailed)
        let otherVersion = Sealer(dataKey: DataKey.generate(version: 2))
        #expect(vaultError { try otherVersion.open(envelope, binding: Fixture.binding) } == .keyUnavailable(1))
    }

    @Test("A retired version is unavailable to a sealer built after retirement")
    func retired() throws {
        let (added, v2) = Keyset.generate().adding()
        let envelope = try Sealer(keyset: added).seal(string: "under v1", binding: Fixture.binding)
        let retired = try added.promoting(v2).retiring(1)
        #expect(
            vaultError { try Sealer(keyset: retired).open(envelope, binding: Fixture.binding) } == .keyUnavailable(1))
    }

    @Test("A wrapped key's envelope never opens as a field, even under the same key and place")
    func domainSeparation() throws {
        let keyset = Keyset.generate()
        let wrapped = try KeyWrap.wrap(DataKey.generate(), under: keyset, context: Fixture.binding)
        let error = vaultError { try Sealer(keyset: keyset).open(wrapped.envelope, binding: Fixture.binding) }
        #expect(error == .authenticationFailed)
    }

    @Test("Error descriptions carry no plaintext or key material")
    func descriptions() throws {
        let errors: [VaultError] = [
            .malformedEnvelope, .unsupportedFormat, .keyUnavailable(3), .authenticationFailed,
            .malformedKeyset("duplicate key v2"), .cannotRetirePrimary, .unknownVersion, .lowEntropyField,
            .populationTooSmall, .invalidIndexBits, .invalidUTF8, .cryptoFailure,
        ]
        #expect(Set(errors.map(\.description)).count == errors.count)
        #expect(VaultError.keyUnavailable(3).description.contains("v3"))
        #expect(VaultError.keyUnavailable(3) != .keyUnavailable(4))
    }
}

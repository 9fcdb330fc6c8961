import Crypto
import Testing

@testable import Vault

@Suite("Keyset")
struct KeysetTests {
    @Test("A generated keyset has one random 256-bit key, version 1, as primary")
    func generate() throws {
        let keyset = Keyset.generate()
        #expect(keyset.primaryVersion == 1)
        #expect(keyset.versions == [1])
        #expect(keyset.contains(1) && !keyset.contains(2))
        let other = Keyset.generate()
        #expect(try Fixture.keyBytes(#require(keyset.key(for: 1))) != Fixture.keyBytes(#require(other.key(for: 1))))
    }

    @Test("Adding makes a new random version that is not yet primary")
    func adding() throws {
        let keyset = Keyset.generate()
        let (added, version) = keyset.adding()
        #expect(version == 2)
        #expect(added.versions == [1, 2])
        #expect(added.primaryVersion == 1)
        #expect(keyset.versions == [1], "the original is unchanged")
        #expect(try Fixture.keyBytes(#require(added.key(for: 1))) != Fixture.keyBytes(#require(added.key(for: 2))))
    }

    @Test("Promoting switches new writes to the version; unknown versions are refused")
    func promoting() throws {
        let (added, version) = Keyset.generate().adding()
        let promoted = try added.promoting(version)
        #expect(promoted.primaryVersion == 2)
        #expect(try promoted.promoting(1).primaryVersion == 1)
        #expect(vaultError { try added.promoting(9) } == .unknownVersion)
    }

    @Test("Retiring removes a version, never the primary, and never reissues its number")
    func retiring() throws {
        let (added, v2) = Keyset.generate().adding()
        #expect(vaultError { try added.retiring(1) } == .cannotRetirePrimary)
        #expect(vaultError { try added.retiring(7) } == .unknownVersion)
        let retired = try added.retiring(v2)
        #expect(retired.versions == [1])
        #expect(retired.retiredVersions == [2])
        #expect(!retired.contains(2))
        #expect(vaultError { try retired.retiring(v2) } == .unknownVersion)
        #expect(vaultError { try retired.promoting(v2) } == .unknownVersion)
        let (readded, v3) = retired.adding()
        #expect(v3 == 3, "a retired number is never reused")
        #expect(readded.versions == [1, 3])
    }

    @Test("Invalid parts are refused by the internal initialiser")
    func invalidParts() {
        let key = SymmetricKey(size: .bits256)
        #expect(
            vaultError { try Keyset(primary: 2, keys: [1: key]) }
                == .malformedKeyset("primary version is not among the keys"))
        #expect(vaultError { try Keyset(primary: 0, keys: [0: key]) } != nil)
        #expect(vaultError { try Keyset(primary: 1, keys: [1: SymmetricKey(size: .bits128)]) } != nil)
        #expect(vaultError { try Keyset(primary: 1, keys: [1: key], retired: [1]) } != nil)
    }

    @Test("Key versions order numerically, print as vN and encode as bare numbers")
    func keyVersion() throws {
        #expect(KeyVersion(2) < KeyVersion(10))
        #expect(KeyVersion(rawValue: 3).description == "v3")
        let literal: KeyVersion = 4
        #expect(literal.rawValue == 4)
    }
}

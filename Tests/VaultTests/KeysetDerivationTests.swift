import Crypto
import Testing

@testable import Vault

@Suite("Keys derived from a keyset version")
struct KeysetDerivationTests {
    static func keyset() throws -> Keyset {
        try Keyset(primary: 1, keys: [1: SymmetricKey(data: [UInt8](0..<32)), 2: SymmetricKey(data: [UInt8](32..<64))])
    }

    // Computed independently in Python (hmac/hashlib HKDF-SHA256 with info "sievert.keyset-derived.v1" ‖ 0x00 ‖
    // purpose), so a backup made today opens with tomorrow's build.
    @Test("a derived key of fixed inputs is pinned")
    func knownAnswer() throws {
        let salt = [UInt8](repeating: 0xa5, count: 32)
        let data = try Self.keyset().derivedKey(purpose: "backup-data", salt: salt, version: 1)
        let manifest = try Self.keyset().derivedKey(purpose: "backup-manifest", salt: salt, version: 1)
        #expect(Fixture.keyBytes(data).hex == "a3cc17b3a19b653bb6a91ea41473bfdd67a5bb3bab00b88c393f0eda7fd308d1")
        #expect(Fixture.keyBytes(manifest).hex == "4a96c606055e692ca650d7a5253e0d767d6c44603a5c683255dd1ca69ce46314")
    }

    @Test("purpose, salt and version each change the key; the same inputs give the same key")
    func separation() throws {
        let keyset = try Self.keyset()
        let salt = [UInt8](repeating: 1, count: 32)
        let base = Fixture.keyBytes(try keyset.derivedKey(purpose: "backup-data", salt: salt, version: 1))
        #expect(Fixture.keyBytes(try keyset.derivedKey(purpose: "backup-data", salt: salt, version: 1)) == base)
        let others = [
            try keyset.derivedKey(purpose: "backup-manifest", salt: salt, version: 1),
            try keyset.derivedKey(purpose: "backup-data", salt: [UInt8](repeating: 2, count: 32), version: 1),
            try keyset.derivedKey(purpose: "backup-data", salt: salt, version: 2),
        ].map(Fixture.keyBytes)
        #expect(Set(others + [base]).count == 4)
        // Neither key of the keyset is handed out as a derived key.
        #expect(!others.contains([UInt8](0..<32)) && base != [UInt8](0..<32))
    }

    @Test("a version the keyset does not hold (retired or never issued) derives nothing")
    func unavailable() throws {
        let keyset = try Self.keyset().retiring(2)
        #expect(throws: VaultError.keyUnavailable(2)) {
            try keyset.derivedKey(purpose: "backup-data", salt: [], version: 2)
        }
        #expect(throws: VaultError.keyUnavailable(9)) {
            try keyset.derivedKey(purpose: "backup-data", salt: [], version: 9)
        }
    }
}

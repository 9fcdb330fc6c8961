import Crypto
import SeededRandom
import Testing

@testable import Vault

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and fully determined by its seed, so a failing randomised
/// case is reproduced by its printed seed.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A short string mixing ASCII, separators and multi-byte scalars, so length prefixes are exercised.
    mutating func text(maxLength: Int = 12) -> String {
        let alphabet: [Character] = ["a", "b", "Z", "0", "9", "-", "_", "|", ":", " ", "é", "ß", "中", "🙂", "\u{0}"]
        let length = Int.random(in: 0...maxLength, using: &self)
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &self)] })
    }

    mutating func associatedData() -> AssociatedData {
        AssociatedData(organisation: text(), table: text(), column: text(), row: text())
    }

    mutating func key() -> SymmetricKey {
        SymmetricKey(data: bytes(32))
    }

    mutating func nonce() throws -> AES.GCM.Nonce {
        try AES.GCM.Nonce(data: bytes(12))
    }
}

extension Array where Element == UInt8 {
    /// Bytes from a hex string; test vectors only.
    init(hex: String) {
        let digits = Array(hex.utf8)
        self = stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) ?? 0
        }
    }

    var hex: String {
        map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}

enum Fixture {
    static let binding = AssociatedData(organisation: "org-0001", table: "people", column: "surname", row: "person-42")

    /// A keyset with the given versions and primary, keys fresh from the system generator.
    static func keyset(versions: [KeyVersion], primary: KeyVersion) throws -> Keyset {
        try Keyset(
            primary: primary,
            keys: Dictionary(uniqueKeysWithValues: versions.map { ($0, SymmetricKey(size: .bits256)) })
        )
    }

    static func keyBytes(_ key: SymmetricKey) -> [UInt8] {
        key.withUnsafeBytes { Array($0) }
    }

    /// Whether `haystack` contains `needle` as a contiguous run.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

/// The error `body` throws, or nil if it returned. Vault APIs throw only `VaultError`; anything else is a bug.
func vaultError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> VaultError? {
    do {
        _ = try body()
        return nil
    } catch let error as VaultError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

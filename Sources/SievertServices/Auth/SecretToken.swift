import Crypto

/// Random bearer secrets (API tokens, session tokens, enrolment tokens): 128 bits from the system's CSPRNG in
/// Crockford base32 (26 characters) behind a short prefix, so a leaked one is recognisable. Only their SHA-256 is
/// stored; a 128-bit random secret needs no slow hash.
enum SecretToken {
    static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var value = (
            UInt64.random(in: .min ... .max, using: &generator), UInt64.random(in: .min ... .max, using: &generator)
        )
        var characters: [Character] = []
        for _ in 0..<26 {
            characters.append(alphabet[Int(value.1 & 31)])
            value.1 = (value.1 >> 5) | ((value.0 & 31) << 59)
            value.0 >>= 5
        }
        return prefix + String(characters)
    }

    static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// Whether `token` has the shape of a token with `prefix`; anything else is refused before hashing or lookup.
    static func isWellFormed(_ token: String, prefix: String) -> Bool {
        token.utf8.count == prefix.utf8.count + 26 && token.hasPrefix(prefix)
            && token.utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            }
    }
}

import ExtrasBase64
import Foundation
import HummingbirdOTP

/// RFC 6238 time-based one-time codes through HummingbirdOTP: SHA-1, 6 digits, 30-second steps, accepted one
/// step either side of now. Which step matched is returned so the caller can refuse it ever after (one use).
public enum TOTPAuthenticator {
    public static let stepSeconds = 30
    public static let digits = 6

    /// A new shared secret: 32 characters of base32 (160 random bits), the form authenticator apps accept.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<32, using: &generator)] })
    }

    /// The time step `date` falls in.
    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(stepSeconds)).rounded(.down))
    }

    /// The code for a time step.
    public static func code(secret: String, step: Int64) -> String {
        let value = HOTP(secret: secret, length: digits).compute(counter: UInt64(max(step, 0)))
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// The step whose code `code` is, within ±1 step of `date`; nil when none matches or the code is malformed.
    public static func matchingStep(code: String, secret: String, at date: Date) -> Int64? {
        guard code.utf8.count == digits, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let now = step(at: date)
        var matched: Int64?
        // Every candidate is computed and compared in full, so timing says nothing about which step matched.
        for candidate in (now - 1)...(now + 1)
        where ConstantTime.equals(Self.code(secret: secret, step: candidate), code) {
            matched = candidate
        }
        return matched
    }

    /// The key a person types into an authenticator app: base32 of the secret's bytes, as in the provisioning URI.
    /// (The stored secret is itself base32 text, so showing it raw would give the app a different key.)
    public static func manualEntryKey(secret: String) -> String {
        String(base32Encoding: Array(secret.utf8), options: .omitPaddingCharacter)
    }

    /// The stored secret behind a manual-entry key; nil when the key is not base32 of one.
    public static func secret(fromManualEntryKey key: String) -> String? {
        var padded = key
        while padded.utf8.count % 8 != 0 { padded += "=" }
        guard let bytes = try? padded.base32decoded() else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The `otpauth://` URI an authenticator app reads (as a QR code or typed in).
    public static func provisioningURI(secret: String, label: String, issuer: String) -> String {
        TOTP(secret: secret, length: digits, timeStep: stepSeconds).createAuthenticatorURL(label: label, issuer: issuer)
    }
}

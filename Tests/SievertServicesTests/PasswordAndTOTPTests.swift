import Foundation
import HummingbirdOTP
import Testing

@testable import SievertServices

@Suite("Password rules and one-time codes")
struct PasswordAndTOTPTests {
    @Test("the shipped common-password list has at least 10,000 entries and is consulted")
    func commonPasswordList() {
        #expect(CommonPasswords.count >= 10_000)
        #expect(CommonPasswords.contains("password"))
        #expect(CommonPasswords.contains("qwertyasdfgh"))
    }

    @Test("ASVS lengths: 12 to 256 characters, no composition rules")
    func lengths() {
        #expect(PasswordPolicy.problem(with: "elevenchars", login: nil) != nil)
        #expect(PasswordPolicy.problem(with: "twelve chars", login: nil) == nil)
        // Lower-case letters only, spaces allowed: no composition rule refuses them.
        #expect(PasswordPolicy.problem(with: "purple walrus sings quietly", login: nil) == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "q", count: 128), login: nil) == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "q", count: 256), login: nil) == nil)
        #expect(PasswordPolicy.problem(with: String(repeating: "q", count: 257), login: nil) != nil)
        // Characters, not bytes: twelve emoji are twelve characters.
        #expect(PasswordPolicy.problem(with: String(repeating: "🔒", count: 12), login: nil) == nil)
        #expect(PasswordPolicy.problem(with: "tab\tinside password", login: nil) != nil)
    }

    @Test("a listed password is refused in any case, and so is the login name")
    func listedAndLogin() throws {
        let long = try #require(Self.listedPasswordOfTwelveOrMore())
        #expect(PasswordPolicy.problem(with: long, login: nil)?.contains("common") == true)
        #expect(PasswordPolicy.problem(with: long.uppercased(), login: nil)?.contains("common") == true)
        #expect(PasswordPolicy.problem(with: "rita.radiographer", login: "Rita.Radiographer") != nil)
    }

    @Test("passwords differing only after byte 72 hash differently (bcrypt's truncation is avoided)")
    func longPasswordsStaySignificant() async {
        let hasher = PasswordHasher(cost: 12)
        let prefix = String(repeating: "x", count: 80)
        let hash = await hasher.hash(prefix + "A")
        #expect(hash.hasPrefix("$2b$12$") || hash.hasPrefix("$2a$12$") || hash.hasPrefix("$2y$12$"))
        #expect(await hasher.verify(prefix + "A", hash: hash))
        #expect(!(await hasher.verify(prefix + "B", hash: hash)))
        #expect(!(await hasher.verify(prefix + "A", hash: nil)))
    }

    @Test("checks sent at once run in at most one fewer than the cores at a time, and each is answered")
    func boundedLanes() async throws {
        let hasher = PasswordHasher(cost: 12)
        let hash = await hasher.hash("the right password")
        let count = PasswordHasher.lanes + 3
        let answers = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<count { group.addTask { await hasher.verify("guess \(index)", hash: hash) } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: false, count: count))
        #expect(PasswordHasher.lanes == max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
        #expect(PasswordHasher.mostAtOnce >= 1 && PasswordHasher.mostAtOnce <= PasswordHasher.lanes)
    }

    @Test("bcrypt cost is never below 12")
    func minimumCost() {
        #expect(PasswordHasher(cost: 4).cost == 12)
        #expect(SecurityPolicy(bcryptCost: 10).bcryptCost == 12)
    }

    // RFC 6238 Appendix B: T0 = 0, X = 30 s, 8 digits, the three hash functions with their seeds.
    static let sha1Seed = "12345678901234567890"
    static let sha256Seed = "12345678901234567890123456789012"
    static let sha512Seed = "1234567890123456789012345678901234567890123456789012345678901234"
    static let vectors: [(time: TimeInterval, sha1: Int, sha256: Int, sha512: Int)] = [
        (59, 94_287_082, 46_119_246, 90_693_936),
        (1_111_111_109, 7_081_804, 68_084_774, 25_091_201),
        (1_111_111_111, 14_050_471, 67_062_674, 99_943_326),
        (1_234_567_890, 89_005_924, 91_819_424, 93_441_116),
        (2_000_000_000, 69_279_037, 90_698_825, 38_618_901),
        (20_000_000_000, 65_353_130, 77_737_706, 47_863_826),
    ]

    @Test("RFC 6238 test vectors (SHA-1, SHA-256, SHA-512)")
    func rfc6238Vectors() {
        for vector in Self.vectors {
            let date = Date(timeIntervalSince1970: vector.time)
            #expect(TOTP(secret: Self.sha1Seed, length: 8, hashFunction: .sha1).compute(date: date) == vector.sha1)
            #expect(
                TOTP(secret: Self.sha256Seed, length: 8, hashFunction: .sha256).compute(date: date) == vector.sha256)
            #expect(
                TOTP(secret: Self.sha512Seed, length: 8, hashFunction: .sha512).compute(date: date) == vector.sha512)
            // Our six-digit SHA-1 codes are the same HOTP value modulo 10⁶, zero-padded.
            let six = TOTPAuthenticator.code(secret: Self.sha1Seed, step: TOTPAuthenticator.step(at: date))
            #expect(six == String(format: "%06d", vector.sha1 % 1_000_000))
        }
    }

    @Test("a code is accepted one step either side of now and no further; malformed codes never match")
    func window() {
        let secret = TOTPAuthenticator.newSecret()
        let now = Date(timeIntervalSince1970: 1_795_000_015)
        let step = TOTPAuthenticator.step(at: now)
        for offset in -1...1 {
            let code = TOTPAuthenticator.code(secret: secret, step: step + Int64(offset))
            #expect(TOTPAuthenticator.matchingStep(code: code, secret: secret, at: now) == step + Int64(offset))
        }
        for offset in [-3, -2, 2, 3] {
            let code = TOTPAuthenticator.code(secret: secret, step: step + Int64(offset))
            // A far step's code could equal a near one's by chance (1 in 10⁶); then it is the near step that matches.
            if let matched = TOTPAuthenticator.matchingStep(code: code, secret: secret, at: now) {
                #expect(abs(matched - step) <= 1)
            }
        }
        for malformed in ["", "12345", "1234567", "12a456", " 123456", "１２３４５６"] {
            #expect(TOTPAuthenticator.matchingStep(code: malformed, secret: secret, at: now) == nil)
        }
        #expect(secret.count == 32)
        #expect(
            TOTPAuthenticator.provisioningURI(secret: secret, label: "rita", issuer: "Sievert").hasPrefix(
                "otpauth://totp/"))
    }

    @Test("the key shown for typing into an authenticator app is base32 of the secret's bytes, and decodes back")
    func manualEntryKey() {
        // RFC 6238's SHA-1 seed as authenticator apps know it.
        #expect(TOTPAuthenticator.manualEntryKey(secret: Self.sha1Seed) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(TOTPAuthenticator.secret(fromManualEntryKey: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == Self.sha1Seed)
        let secret = TOTPAuthenticator.newSecret()
        let key = TOTPAuthenticator.manualEntryKey(secret: secret)
        #expect(TOTPAuthenticator.secret(fromManualEntryKey: key) == secret)
        #expect(
            TOTPAuthenticator.provisioningURI(secret: secret, label: "x", issuer: "Sievert").contains("secret=\(key)"))
        #expect(TOTPAuthenticator.secret(fromManualEntryKey: "not base32!") == nil)
    }

    static func listedPasswordOfTwelveOrMore() -> String? {
        ["sonyericsson", "residentevil", "qwertyasdfgh"].first { CommonPasswords.contains($0) }
    }
}

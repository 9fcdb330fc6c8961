import Crypto
import Foundation
import Passbook
import Testing

/// Known answers for the file format and the signed bytes.
///
/// Ed25519 signatures are deterministic in RFC 8032, but not every platform's library signs that way (CryptoKit
/// adds randomness), so these tests never compare signatures this library produces: they verify committed ones.
/// The committed passbook, its record bytes, hash links and signatures were also checked with an independent
/// implementation of the documented encoding and with OpenSSL's Ed25519.
@Suite("Passbook known answers")
struct KnownAnswerTests {
    // RFC 8032 §7.1, TEST 1.
    static let seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    static let emptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"

    /// The fixture's holder and first two entries, sealed at ``Fixture/sealedAt`` and signed with the RFC 8032 key.
    static let committed = """
        sievert-passbook v1
        serial PB-000123
        holder 0190a5c2-7b1e-7c3d-9f00-1a2b3c4d5e6f
        surname Prosser
        forenames Nia Wyn
        date-of-birth 1990-04-02
        nino AB123456C
        issued 2025-01-15T09:30:00Z
        signature 21fe31df 7t0zVgeeNH4dqzeaqFaIREqZKT3o7HNE6iK5RzyDddxhQKuSC1XMC9G7ahjDdJisjy08vasVYy4lcdyW0TbsAw==

        entry 1
        issued 2025-02-05T10:00:00Z
        service Radiation Protection Service
        employer AVUHB
        period 2025-01-01 2025-01-31
        kind measured
        hp10 0.120
        hp0.07 0.150
        hp3 0.090
        ytd-hp10 0.120
        ytd-hp0.07 0.150
        ytd-hp3 0.090
        designation classified
        previous f7af786de5300e73279d121c93726338a872b9e55c62a2dbe82ec46c40111ff9
        signature 21fe31df m3RHC+H+PtdvsGx/XREMMr2P3+Tde7Nk2RFFMBU8gjZnOKkndyjoqMkR/Xmniti1Jnw1sC/1bpS2gvGd+ssVAQ==

        entry 2
        issued 2025-03-05T10:00:00Z
        service Radiation Protection Service
        employer WVET
        period 2025-02-01 2025-02-28
        kind notional
        hp10 0.157
        hp0.07 0.191
        hp3 not-monitored
        ytd-hp10 0.277
        ytd-hp0.07 0.341
        ytd-hp3 0.090
        designation classified
        previous f994de96cb408ab240c6b0b85cf16c1e5306f8eb3d356dab066ee18ab0a31f6e
        signature 21fe31df bickAdzI1HaZ7BJOnDyZjj3imtw+5vIVzXTaXiSNb2Zf212RbBmLTEExxa+Rj92d36dQgSb/9P2zAgd2Os/cAg==

        seal 2
        issued 2026-01-20T08:00:00Z
        previous bd16597b0c4ff58ba611720dc737d7f3c2ad23ffb18e43b637274c59e650ace1
        signature 21fe31df c+vMP+N4YmrnOB4FlhoWPgbGG1RNglf3eAsciG3LC6tPMB3rijLmGWbwyqnaNvsTaXD1zcmnNtaSfrvluE5nCg==

        """

    static let holderBytes = [
        "0000001a736965766572742e70617373626f6f6b2e686f6c6465722e76310000000950422d3030303132330000002430",
        "313930613563322d376231652d376333642d396630302d3161326233633464356536660000000750726f737365720000",
        "00074e69612057796e0000000a313939302d30342d303201000000094142313233343536430000000067878018",
    ].joined()

    static let firstEntryBytes = [
        "00000019736965766572742e70617373626f6f6b2e656e7472792e76310000000950422d30303031323300000001f7af",
        "786de5300e73279d121c93726338a872b9e55c62a2dbe82ec46c40111ff90000000067a336a00000001c526164696174",
        "696f6e2050726f74656374696f6e20536572766963650000000541565548420000000a323032352d30312d3031000000",
        "0a323032352d30312d3331000000086d6561737572656401000000000000007801000000000000009601000000000000",
        "005a01000000000000007801000000000000009601000000000000005a0000000a636c6173736966696564",
    ].joined()

    static let sealBytes = [
        "00000018736965766572742e70617373626f6f6b2e7365616c2e76310000000950422d30303031323300000002bd1659",
        "7b0c4ff58ba611720dc737d7f3c2ad23ffb18e43b637274c59e650ace100000000696f3600",
    ].joined()

    static func verifier() throws -> PassbookVerifier {
        PassbookVerifier(publicKey: try Curve25519.Signing.PublicKey(rawRepresentation: Array(hex: publicKey)))
    }

    /// The text with every signature's base64 replaced by `…`, key IDs kept.
    static func unsigned(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("signature ") ? String(line.prefix(18)) + " …" : String(line)
        }
    }

    @Test("The RFC 8032 key pair, its published signature and the key ID")
    func rfc8032() throws {
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Array(hex: Self.seed))
        #expect(Array(privateKey.publicKey.rawRepresentation) == Array(hex: Self.publicKey))
        let verifier = try Self.verifier()
        #expect(verifier.publicKey.isValidSignature(Array(hex: Self.emptyMessageSignature), for: [UInt8]()))
        // SHA-256 of the public key begins 21fe31df.
        #expect(verifier.keyID == 0x21fe_31df)
        #expect(PassbookSigner(privateKey: privateKey).verifier.keyID == verifier.keyID)
    }

    @Test("The committed passbook verifies under the RFC 8032 key, record by record, to the fixture's contents")
    func committedVerifies() throws {
        let verification = try Self.verifier().verify(bytes: Array(Self.committed.utf8))
        #expect(verification.verdict == .ok)
        #expect(verification.records.map(\.verdict) == Array(repeating: .ok, count: 4))
        let passbook = try #require(verification.passbook)
        #expect(passbook.holder == (try Fixture.holder()))
        #expect(passbook.entries == (try Fixture.entries(2)))
        #expect(passbook.sealedAt == Date(timeIntervalSince1970: Fixture.sealedAt))
        // Any other key rejects it.
        #expect(!(try Fixture.signer(seed: 1).verifier.verify(bytes: Array(Self.committed.utf8)).verdict.isOK))
    }

    @Test("Signing the same contents gives the committed text, signatures aside, and the same record bytes")
    func producedMatches() throws {
        let signer = PassbookSigner(
            privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: Array(hex: Self.seed)))
        let produced = try signer.issue(
            holder: try Fixture.holder(), entries: try Fixture.entries(2),
            sealedAt: Date(timeIntervalSince1970: Fixture.sealedAt))
        #expect(Self.unsigned(produced.text) == Self.unsigned(Self.committed))
        #expect(produced.canonicalBytes(of: .holder) == Array(hex: Self.holderBytes))
        #expect(produced.canonicalBytes(of: .entry(1)) == Array(hex: Self.firstEntryBytes))
        #expect(produced.canonicalBytes(of: .seal) == Array(hex: Self.sealBytes))
        #expect(produced.canonicalBytes(of: .entry(3)) == nil && produced.canonicalBytes(of: .entry(0)) == nil)
        // The committed file's own signatures verify over the bytes this library produces.
        let committed = try SignedPassbook(parsing: Self.committed)
        let verifier = try Self.verifier()
        #expect(verifier.publicKey.isValidSignature(committed.holderSignature.bytes, for: Array(hex: Self.holderBytes)))
        #expect(
            verifier.publicKey.isValidSignature(
                committed.entries[0].signature.bytes, for: Array(hex: Self.firstEntryBytes)))
        #expect(verifier.publicKey.isValidSignature(committed.seal.signature.bytes, for: Array(hex: Self.sealBytes)))
        // Each link is SHA-256 of the previous record's bytes.
        #expect(committed.entries[0].previous == PassbookHash(of: Array(hex: Self.holderBytes)))
        #expect(committed.entries[1].previous == PassbookHash(of: Array(hex: Self.firstEntryBytes)))
    }
}

extension Array where Element == UInt8 {
    /// Bytes from lowercase hex; test vectors only.
    init(hex: String) {
        let digits = Array(hex.utf8)
        self = stride(from: 0, to: digits.count - 1, by: 2).map { index in
            UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
        }
    }
}

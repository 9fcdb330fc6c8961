import Crypto
import Foundation

/// Verifies passbooks against one trusted Ed25519 public key: the issuing service's, obtained from the service,
/// never the key ID a file names.
public struct PassbookVerifier: Sendable {
    /// The trusted public key.
    public let publicKey: Curve25519.Signing.PublicKey
    /// The trusted key's ID: the first 4 bytes of SHA-256 of the 32-byte public key, big-endian.
    public let keyID: UInt32

    /// A verifier trusting `publicKey`.
    public init(publicKey: Curve25519.Signing.PublicKey) {
        self.publicKey = publicKey
        keyID = SHA256.hash(data: publicKey.rawRepresentation).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Reads a public key file: base64 of the 32-byte key (canonical, padding included), with optional whitespace
    /// around it; ``PassbookError/malformedPublicKey`` otherwise.
    public init(publicKeyFile contents: some Collection<UInt8>) throws(PassbookError) {
        let bytes = Array(contents.prefix(1024))
        let isSpace: (UInt8) -> Bool = { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard bytes.count < 1024, let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { throw .malformedPublicKey }
        let text = String(decoding: bytes[first...last], as: UTF8.self)
        guard let raw = Data(base64Encoded: text), raw.count == 32, raw.base64EncodedString() == text,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { throw .malformedPublicKey }
        self.init(publicKey: key)
    }

    /// The public key file for this verifier: base64 of the key and a newline.
    public var publicKeyFile: String {
        publicKey.rawRepresentation.base64EncodedString() + "\n"
    }

    /// Parses and verifies a passbook file; a file that does not parse gives ``PassbookVerdict/malformed(line:reason:)``.
    public func verify(bytes: some Collection<UInt8>) -> PassbookVerification {
        do {
            return verify(try SignedPassbook(parsing: bytes))
        } catch {
            return PassbookVerification(
                verdict: .malformed(line: error.line ?? 1, reason: error.reason), records: [], passbook: nil)
        }
    }

    /// Checks every record: signed by the trusted key (else ``PassbookVerdict/unknownKey(_:line:keyID:)``), the
    /// signature valid (else ``PassbookVerdict/badSignature(_:line:)``), and in its signed place: numbered by its
    /// position and naming the hash of the record before it, the seal counting the entries (else
    /// ``PassbookVerdict/brokenChain(_:line:)``). The overall verdict is the first failure in file order.
    public func verify(_ passbook: SignedPassbook) -> PassbookVerification {
        let count = passbook.entries.count
        var checks: [PassbookRecordCheck] = []
        checks.reserveCapacity(count + 2)

        func check(
            _ record: PassbookRecord, _ bytes: [UInt8], _ signature: PassbookSignature, numberHolds: Bool,
            previousHolds: Bool
        ) {
            let verdict: PassbookVerdict
            if signature.keyID != keyID {
                verdict = .unknownKey(
                    record, line: SignedPassbook.signatureLine(of: record, entryCount: count), keyID: signature.keyID)
            } else if !publicKey.isValidSignature(signature.bytes, for: bytes) {
                verdict = .badSignature(record, line: SignedPassbook.signatureLine(of: record, entryCount: count))
            } else if !numberHolds {
                verdict = .brokenChain(record, line: SignedPassbook.firstLine(of: record, entryCount: count))
            } else if !previousHolds {
                verdict = .brokenChain(record, line: SignedPassbook.previousLine(of: record, entryCount: count))
            } else {
                verdict = .ok
            }
            checks.append(PassbookRecordCheck(record: record, verdict: verdict))
        }

        let holderBytes = passbook.holder.canonicalBytes
        check(.holder, holderBytes, passbook.holderSignature, numberHolds: true, previousHolds: true)
        var previous = PassbookHash(of: holderBytes)
        for (offset, signed) in passbook.entries.enumerated() {
            let bytes = signed.canonicalBytes(serial: passbook.holder.serial)
            check(
                .entry(offset + 1), bytes, signed.signature, numberHolds: signed.number == offset + 1,
                previousHolds: signed.previous == previous)
            previous = PassbookHash(of: bytes)
        }
        let seal = passbook.seal
        check(
            .seal, seal.canonicalBytes(serial: passbook.holder.serial), seal.signature,
            numberHolds: seal.entryCount == count, previousHolds: seal.previous == previous)

        let verdict = checks.first { !$0.verdict.isOK }?.verdict ?? .ok
        let verified =
            verdict.isOK
            ? VerifiedPassbook(
                holder: passbook.holder, entries: passbook.entries.map(\.entry), sealedAt: seal.sealedAt, keyID: keyID)
            : nil
        return PassbookVerification(verdict: verdict, records: checks, passbook: verified)
    }

    /// A key ID as the file writes it: 8 lowercase hex digits.
    public static func keyIDText(_ keyID: UInt32) -> String {
        let digits = String(keyID, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

import Crypto
import Foundation

/// Issues passbooks: signs the holder record, each entry and the seal with the service's Ed25519 key.
///
/// The private key is held by the caller, outside the database; this value only uses it.
public struct PassbookSigner: Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey

    /// A signer with `privateKey`.
    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The verifier for this signer's public key, to hand to the employers a passbook is shown to.
    public var verifier: PassbookVerifier {
        PassbookVerifier(publicKey: privateKey.publicKey)
    }

    /// A new passbook for `holder` holding `entries` in order, sealed at `sealedAt` (rounded down to the second).
    /// ``PassbookError/tooLarge`` beyond ``SignedPassbook/maximumEntries`` or ``SignedPassbook/maximumBytes``.
    public func issue(holder: PassbookHolder, entries: [PassbookEntry], sealedAt: Date) throws(PassbookError)
        -> SignedPassbook
    {
        let holderSignature = try sign(holder.canonicalBytes)
        return try chain(
            holder: holder, holderSignature: holderSignature, existing: [],
            previous: PassbookHash(of: holder.canonicalBytes), adding: entries, sealedAt: sealedAt)
    }

    /// `passbook` with `entries` added after its own and a new seal. The existing entries are kept as signed, so
    /// the passbook must verify under this signer's key first (``PassbookError/untrusted(_:)`` otherwise).
    public func appending(_ entries: [PassbookEntry], to passbook: SignedPassbook, sealedAt: Date)
        throws(PassbookError) -> SignedPassbook
    {
        let verdict = verifier.verify(passbook).verdict
        guard verdict.isOK else { throw .untrusted(verdict) }
        let last =
            passbook.entries.last?.canonicalBytes(serial: passbook.holder.serial) ?? passbook.holder.canonicalBytes
        return try chain(
            holder: passbook.holder, holderSignature: passbook.holderSignature, existing: passbook.entries,
            previous: PassbookHash(of: last), adding: entries, sealedAt: sealedAt)
    }

    private func chain(
        holder: PassbookHolder, holderSignature: PassbookSignature, existing: [SignedPassbookEntry],
        previous first: PassbookHash, adding entries: [PassbookEntry], sealedAt: Date
    ) throws(PassbookError) -> SignedPassbook {
        guard existing.count + entries.count <= SignedPassbook.maximumEntries,
            let sealSeconds = PassbookTime.seconds(sealedAt)
        else { throw .tooLarge }
        var signed = existing
        var previous = first
        for entry in entries {
            let unsigned = SignedPassbookEntry(
                number: signed.count + 1, previous: previous, entry: entry,
                signature: PassbookSignature(keyID: 0, bytes: []))
            let bytes = unsigned.canonicalBytes(serial: holder.serial)
            signed.append(
                SignedPassbookEntry(
                    number: unsigned.number, previous: previous, entry: entry, signature: try sign(bytes)))
            previous = PassbookHash(of: bytes)
        }
        let unsealed = PassbookSeal(
            entryCount: signed.count, previous: previous, sealedAt: PassbookTime.date(sealSeconds),
            signature: PassbookSignature(keyID: 0, bytes: []))
        let seal = PassbookSeal(
            entryCount: unsealed.entryCount, previous: previous, sealedAt: unsealed.sealedAt,
            signature: try sign(unsealed.canonicalBytes(serial: holder.serial)))
        let passbook = SignedPassbook(holder: holder, holderSignature: holderSignature, entries: signed, seal: seal)
        // Never issue what the parser would refuse.
        guard passbook.text.utf8.count <= SignedPassbook.maximumBytes else { throw .tooLarge }
        return passbook
    }

    private func sign(_ bytes: [UInt8]) throws(PassbookError) -> PassbookSignature {
        do {
            return PassbookSignature(keyID: verifier.keyID, bytes: Array(try privateKey.signature(for: bytes)))
        } catch {
            throw .signingFailed
        }
    }
}

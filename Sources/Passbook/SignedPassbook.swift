import Foundation

/// A passbook as a file holds it: the holder, the entries and a seal, each a record signed on its own and
/// linked to the record before it by ``PassbookHash``.
///
/// The chain runs holder → entry 1 → … → entry n → seal. Each entry states its number and the hash of the previous
/// record's signed bytes, so removing, reordering, duplicating or inserting an entry breaks the chain; the seal
/// states the number of entries and the hash of the last, so cutting entries off the end breaks it too. A seal is
/// written each time the service issues the passbook: an older genuine copy still verifies, as what it was when
/// sealed, which is why the seal's time is shown.
///
/// Parsing checks structure only; trust comes from ``PassbookVerifier/verify(_:)``, which returns the contents
/// once every signature and link holds.
public struct SignedPassbook: Sendable, Hashable {
    /// The holder, before any signature is checked.
    public let holder: PassbookHolder
    /// The signature over the holder record.
    public let holderSignature: PassbookSignature
    /// The entries in file order, before any signature or link is checked.
    public let entries: [SignedPassbookEntry]
    /// The seal, before its signature or link is checked.
    public let seal: PassbookSeal

    /// The largest file accepted: 8 MiB, room for ``maximumEntries`` entries with long names.
    public static let maximumBytes = 8 * 1024 * 1024
    /// The most entries a passbook may hold: monthly entries with several employers for a working life fit.
    public static let maximumEntries = 10_000
    /// The longest line accepted, in bytes without the newline; the longest valid line is under 420.
    public static let maximumLineBytes = 512

    init(
        holder: PassbookHolder, holderSignature: PassbookSignature, entries: [SignedPassbookEntry], seal: PassbookSeal
    ) {
        self.holder = holder
        self.holderSignature = holderSignature
        self.entries = entries
        self.seal = seal
    }

    /// The signed bytes of `record` (see ``PassbookRecord``), or `nil` when the passbook has no such record.
    public func canonicalBytes(of record: PassbookRecord) -> [UInt8]? {
        switch record {
        case .holder:
            return holder.canonicalBytes
        case .entry(let number):
            guard (1...entries.count).contains(number) else { return nil }
            return entries[number - 1].canonicalBytes(serial: holder.serial)
        case .seal:
            return seal.canonicalBytes(serial: holder.serial)
        }
    }
}

/// An Ed25519 signature and the ID of the key that made it.
public struct PassbookSignature: Sendable, Hashable {
    /// The signer's key ID: the first 4 bytes of SHA-256 of the 32-byte public key, big-endian.
    public let keyID: UInt32
    /// The 64 signature bytes.
    public let bytes: [UInt8]

    /// A signature line's parts.
    public init(keyID: UInt32, bytes: [UInt8]) {
        self.keyID = keyID
        self.bytes = bytes
    }
}

/// An entry as the file holds it: its number, the hash of the record before it, the entry and its signature.
public struct SignedPassbookEntry: Sendable, Hashable {
    /// The entry's claimed position, 1 for the first.
    public let number: Int
    /// The claimed hash of the previous record's signed bytes (the holder's for entry 1).
    public let previous: PassbookHash
    /// The entry, before its signature is checked.
    public let entry: PassbookEntry
    /// The signature over the entry record.
    public let signature: PassbookSignature

    init(number: Int, previous: PassbookHash, entry: PassbookEntry, signature: PassbookSignature) {
        self.number = number
        self.previous = previous
        self.entry = entry
        self.signature = signature
    }
}

/// The last record: how many entries the passbook held when the service issued it, the hash of the last record,
/// and when.
public struct PassbookSeal: Sendable, Hashable {
    /// The claimed number of entries.
    public let entryCount: Int
    /// The claimed hash of the last entry's signed bytes (the holder's when there are none).
    public let previous: PassbookHash
    /// When the service sealed this copy, to the whole second.
    public let sealedAt: Date
    /// The signature over the seal record.
    public let signature: PassbookSignature

    init(entryCount: Int, previous: PassbookHash, sealedAt: Date, signature: PassbookSignature) {
        self.entryCount = entryCount
        self.previous = previous
        self.sealedAt = sealedAt
        self.signature = signature
    }
}

/// A signed-able statement of the log's state: its origin, size, root hash and the time it was taken.
///
/// Its text form is a C2SP `tlog-checkpoint` note body (see ``noteText``), so standard transparency-log tools can
/// read and verify it.
public struct Checkpoint: Sendable, Hashable {
    /// The log's identity, e.g. `sievert.example/ledger`; also the key name that signs it, by C2SP convention.
    public let origin: String
    /// The number of leaves the root covers.
    public let size: UInt64
    /// The RFC 9162 root of the first ``size`` leaves.
    public let root: MerkleHash
    /// When the checkpoint was taken, in milliseconds since the Unix epoch (UTC), as supplied by the caller.
    public let unixTimeMilliseconds: Int64

    /// A checkpoint; ``LedgerError/malformedCheckpoint(_:)`` when the origin is not a valid key name (see
    /// ``Checkpoint/isValidKeyName(_:)``) or the time is negative.
    public init(origin: String, size: UInt64, root: MerkleHash, unixTimeMilliseconds: Int64) throws(LedgerError) {
        guard Self.isValidKeyName(origin.utf8) else { throw .malformedCheckpoint("invalid origin") }
        guard unixTimeMilliseconds >= 0 else { throw .malformedCheckpoint("negative time") }
        self.origin = origin
        self.size = size
        self.root = root
        self.unixTimeMilliseconds = unixTimeMilliseconds
    }

    /// True for names usable as an origin or signed-note key name here: 1–256 bytes of printable ASCII, without
    /// spaces or `+` (C2SP signed-note forbids both in key names; restricting to ASCII keeps the note text free of
    /// look-alike characters).
    public static func isValidKeyName(_ name: some Collection<UInt8>) -> Bool {
        (1...256).contains(name.count)
            && name.allSatisfy { (UInt8(ascii: "!")...UInt8(ascii: "~")).contains($0) && $0 != UInt8(ascii: "+") }
    }
}

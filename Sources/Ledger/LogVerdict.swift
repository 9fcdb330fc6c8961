/// What ``LogVerifier`` found when checking a stored log or two checkpoints.
public enum LogVerdict: Sendable, Hashable {
    /// The log matches the signed checkpoint (or the checkpoints are consistent).
    case ok
    /// The first `size` stored leaves do not hash to the signed root: an entry was edited, reordered, inserted
    /// or deleted before the checkpoint's size.
    case rootMismatch
    /// Fewer leaves are stored than the checkpoint covers, and those left are in sequence: the tail was cut.
    case truncated(storedLeaves: UInt64, checkpointSize: UInt64)
    /// The checkpoint carries no valid signature from the trusted key: it, or the whole log, was re-signed
    /// under another key, or the note was altered.
    case badSignature
    /// The later checkpoint does not extend the earlier one: a different origin, a smaller size, or a
    /// consistency proof that fails, i.e. the log was rewritten between them.
    case checkpointNotConsistent(previousSize: UInt64, latestSize: UInt64)

    /// True only for ``ok``.
    public var isOK: Bool { self == .ok }
}

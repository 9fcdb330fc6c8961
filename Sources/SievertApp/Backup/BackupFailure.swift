/// Why a backup or a restore stopped. The description says what is wrong and, where it helps, what to do; it never
/// holds a key, a password or personal data.
public struct BackupFailure: Error, Sendable, CustomStringConvertible {
    /// What kind of failure: the CLI maps it to an exit status.
    public enum Kind: Sendable, Hashable {
        /// The request cannot be carried out as asked (a target that is not empty, another store kind, no root key).
        case refused
        /// The backup is not authentic or not complete: a wrong root key, an edited manifest or file, a missing
        /// file, contents that do not match the manifest.
        case notAuthentic
        /// Something failed on the way (a full disk, a database error, a client program that failed).
        case failed
    }

    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

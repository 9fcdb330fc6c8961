import Foundation

/// What a backup holds and how to check it: written last, authenticated under a key derived from the root key
/// (see ``BackupManifest/sealed(with:)``), and checked whole before a restore writes anything.
///
/// Everything in it is non-personal: ids, counts, sizes, hashes of ciphertext, a schema version and the signed
/// audit checkpoint (whose leaves are events that carry no personal values either).
public struct BackupManifest: Sendable, Hashable, Codable {
    /// The format version this build writes and reads.
    public static let currentVersion = 1

    /// The manifest format version.
    public var version: Int
    /// The backup's random id; every chunk of every file is bound to it.
    public var backupID: UUID
    /// When the backup was made (UTC, whole seconds).
    public var createdAt: Date
    /// The kind of store the files hold.
    public var store: StoreKind
    /// The last schema migration applied to the store when it was copied.
    public var schemaVersion: String
    /// The root key version the backup's keys derive from.
    public var rootKeyVersion: UInt32
    /// The backup's random HKDF salt, base64.
    public var salt: String
    /// Plaintext bytes per chunk of every file.
    public var chunkSize: Int
    /// The sealed files, each with the size and SHA-256 of its ciphertext.
    public var files: [File]
    /// Rows counted inside the copied snapshot.
    public var counts: Counts
    /// The audit ledger's latest signed checkpoint when the backup was made.
    public var ledger: LedgerCheckpoint

    /// A store kind.
    public enum StoreKind: String, Sendable, Hashable, Codable {
        case sqlite
        case postgres
    }

    /// One sealed file.
    public struct File: Sendable, Hashable, Codable {
        /// Its name in the backup directory.
        public var name: String
        /// Its size in bytes.
        public var bytes: Int64
        /// The SHA-256 of its bytes (the ciphertext), lowercase hex.
        public var sha256: String

        /// A file entry.
        public init(name: String, bytes: Int64, sha256: String) {
            self.name = name
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// Rows counted in the snapshot.
    public struct Counts: Sendable, Hashable, Codable {
        public var people: Int
        public var doseEntries: Int
        public var auditEvents: Int

        /// Counts of people, dose entries and audit events.
        public init(people: Int, doseEntries: Int, auditEvents: Int) {
            self.people = people
            self.doseEntries = doseEntries
            self.auditEvents = auditEvents
        }
    }

    /// A signed checkpoint of the audit ledger and the key that verifies it.
    public struct LedgerCheckpoint: Sendable, Hashable, Codable {
        /// The C2SP signed note, exactly as the witness keeps it.
        public var note: String
        /// The signer's verifier key (`name+keyID+base64`), so a restore can check the note without the private
        /// key; trusted because the manifest is authenticated.
        public var verifierKey: String

        /// A checkpoint note and its verifier key.
        public init(note: String, verifierKey: String) {
            self.note = note
            self.verifierKey = verifierKey
        }
    }

    /// A manifest of the current version.
    public init(
        backupID: UUID, createdAt: Date, store: StoreKind, schemaVersion: String, rootKeyVersion: UInt32,
        salt: [UInt8], chunkSize: Int, files: [File], counts: Counts, ledger: LedgerCheckpoint
    ) {
        self.version = Self.currentVersion
        self.backupID = backupID
        self.createdAt = Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down))
        self.store = store
        self.schemaVersion = schemaVersion
        self.rootKeyVersion = rootKeyVersion
        self.salt = Data(salt).base64EncodedString()
        self.chunkSize = chunkSize
        self.files = files
        self.counts = counts
        self.ledger = ledger
    }

    /// The salt's bytes; nil when it is not base64.
    public var saltBytes: [UInt8]? {
        Data(base64Encoded: salt).map(Array.init)
    }

    /// The context every chunk of `file` is bound to.
    public func context(of file: File) -> ChunkContext {
        ChunkContext(backupID: backupID, fileName: file.name)
    }
}

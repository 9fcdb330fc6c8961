/// Why a backup's files could not be sealed or opened.
///
/// A struct wrapping a private enum, like `VaultError`, so cases can be added without breaking callers. Every
/// description is a sentence an operator can act on; none quotes key material or the data.
public struct BackupFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalidChunkLength
        case sealedAfterFinal
        case malformedChunk(UInt64)
        case chunkNotAuthentic(UInt64)
        case truncated(UInt64)
        case trailingData
        case manifestTooLarge(Int)
        case manifestMalformed(String)
        case manifestUnsupportedVersion(Int)
        case manifestWrongKey(String)
        case manifestEdited
        case cryptoFailure
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// A chunk handed to the sealer is longer than the chunk size, or a chunk before the last is not full.
    public static let invalidChunkLength = BackupFormatError(.invalidChunkLength)

    /// A chunk was handed to the sealer after the final one.
    public static let sealedAfterFinal = BackupFormatError(.sealedAfterFinal)

    /// Chunk `index` (0-based) has a header no sealer writes: an unknown flag or a length out of bounds.
    public static func malformedChunk(_ index: UInt64) -> BackupFormatError {
        BackupFormatError(.malformedChunk(index))
    }

    /// Chunk `index` (0-based) does not authenticate at its position.
    public static func chunkNotAuthentic(_ index: UInt64) -> BackupFormatError {
        BackupFormatError(.chunkNotAuthentic(index))
    }

    /// The stream ended after `chunks` chunks without its final chunk.
    public static func truncated(afterChunks chunks: UInt64) -> BackupFormatError {
        BackupFormatError(.truncated(chunks))
    }

    /// Bytes follow the final chunk.
    public static let trailingData = BackupFormatError(.trailingData)

    /// The manifest is larger than any this format writes.
    public static func manifestTooLarge(_ bytes: Int) -> BackupFormatError {
        BackupFormatError(.manifestTooLarge(bytes))
    }

    /// The manifest is not in this format; the reason is structural.
    public static func manifestMalformed(_ reason: String) -> BackupFormatError {
        BackupFormatError(.manifestMalformed(reason))
    }

    /// The manifest names a format version this build does not read.
    public static func manifestUnsupportedVersion(_ version: Int) -> BackupFormatError {
        BackupFormatError(.manifestUnsupportedVersion(version))
    }

    /// The manifest's keys cannot be derived from this root keyset, or its key check does not match them.
    public static func manifestWrongKey(_ reason: String) -> BackupFormatError {
        BackupFormatError(.manifestWrongKey(reason))
    }

    /// The manifest's key check matches but its authentication code does not: the manifest was edited.
    public static let manifestEdited = BackupFormatError(.manifestEdited)

    /// The crypto library refused an operation that valid inputs never trigger.
    public static let cryptoFailure = BackupFormatError(.cryptoFailure)

    /// What went wrong, for the operator.
    public var description: String {
        switch code {
        case .invalidChunkLength:
            "a chunk before the last must be exactly the chunk size, and none may be longer"
        case .sealedAfterFinal:
            "no chunk may follow the final chunk"
        case .malformedChunk(let index):
            "chunk \(index) is malformed (an unknown flag or a length out of bounds)"
        case .chunkNotAuthentic(let index):
            "chunk \(index) does not authenticate: it was edited, moved, or comes from another backup, another file "
                + "or another root key"
        case .truncated(let chunks):
            "the file ends after \(chunks) chunks without its final chunk: it was truncated"
        case .trailingData:
            "data follows the final chunk: bytes were appended"
        case .manifestTooLarge(let bytes):
            "the manifest is \(bytes) bytes, larger than any backup writes"
        case .manifestMalformed(let reason):
            "the manifest is malformed: \(reason)"
        case .manifestUnsupportedVersion(let version):
            "the manifest has format version \(version), which this build of Sievert does not read"
        case .manifestWrongKey(let reason):
            "the backup does not open with this root key: \(reason)"
        case .manifestEdited:
            "the manifest does not authenticate: it was edited after the backup was made"
        case .cryptoFailure:
            "the crypto library rejected the operation"
        }
    }
}

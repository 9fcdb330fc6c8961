import Crypto

/// Seals one file of a backup chunk by chunk (see ``ChunkContext`` for the format), holding one chunk at a time.
public struct ChunkSealer: Sendable {
    /// The default plaintext bytes per chunk: 1 MiB.
    public static let defaultChunkSize = 1 << 20
    /// The chunk sizes a manifest may name.
    public static let chunkSizes = 4096...(16 << 20)

    private let key: SymmetricKey
    private let context: ChunkContext
    /// Plaintext bytes per chunk.
    public let chunkSize: Int
    /// Chunks sealed so far.
    public private(set) var chunks: UInt64 = 0
    /// Whether the final chunk has been sealed.
    public private(set) var isFinished = false

    /// A sealer for the file `context` names, under the backup's `keys`.
    public init(keys: BackupKeys, context: ChunkContext, chunkSize: Int = ChunkSealer.defaultChunkSize) {
        precondition(Self.chunkSizes.contains(chunkSize), "chunk size out of range")
        self.key = keys.fileKey(context.fileName)
        self.context = context
        self.chunkSize = chunkSize
    }

    /// The record of the next chunk. Every chunk but the final one must hold exactly ``chunkSize`` bytes; the final
    /// one (which may be empty) holds at most that.
    public mutating func seal(_ plaintext: [UInt8], isFinal: Bool) throws(BackupFormatError) -> [UInt8] {
        guard !isFinished else { throw .sealedAfterFinal }
        guard isFinal ? plaintext.count <= chunkSize : plaintext.count == chunkSize else {
            throw .invalidChunkLength
        }
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(
                plaintext, using: key, nonce: context.nonce(index: chunks, isFinal: isFinal),
                authenticating: context.associatedData(index: chunks, isFinal: isFinal))
        } catch {
            throw .cryptoFailure
        }
        var record: [UInt8] = []
        record.reserveCapacity(ChunkContext.headerLength + plaintext.count + ChunkContext.tagLength)
        record.append(isFinal ? 1 : 0)
        record.appendBigEndian(UInt32(plaintext.count))
        record.append(contentsOf: box.ciphertext)
        record.append(contentsOf: box.tag)
        chunks += 1
        isFinished = isFinal
        return record
    }

    /// Seals a whole plaintext held in memory (tests and small files).
    public static func seal(
        _ plaintext: [UInt8], keys: BackupKeys, context: ChunkContext, chunkSize: Int = defaultChunkSize
    ) throws(BackupFormatError) -> [UInt8] {
        var sealer = ChunkSealer(keys: keys, context: context, chunkSize: chunkSize)
        var output: [UInt8] = []
        var start = 0
        // A plaintext of an exact multiple of the chunk size still ends with a final chunk (then empty), so the
        // last full chunk is never mistaken for the end.
        while plaintext.count - start >= chunkSize {
            output += try sealer.seal(Array(plaintext[start..<start + chunkSize]), isFinal: false)
            start += chunkSize
        }
        output += try sealer.seal(Array(plaintext[start...]), isFinal: true)
        return output
    }
}

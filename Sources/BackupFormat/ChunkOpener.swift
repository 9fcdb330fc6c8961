import Crypto

/// Opens one sealed file of a backup as its bytes arrive, in any pieces, holding at most one record: each chunk is
/// authenticated at its position before its plaintext is handed out (see ``ChunkContext`` for what is detected).
///
/// A reader must call ``finish()`` at the end of the file: only then is a file cut at a chunk boundary detected.
public struct ChunkOpener: Sendable {
    private let key: SymmetricKey
    private let context: ChunkContext
    /// Plaintext bytes per chunk, as the manifest names.
    public let chunkSize: Int
    private var pending: [UInt8] = []
    /// Chunks opened so far.
    public private(set) var chunks: UInt64 = 0
    /// Whether the final chunk has been opened.
    public private(set) var sawFinal = false

    /// An opener for the file `context` names, under the backup's `keys`.
    public init(keys: BackupKeys, context: ChunkContext, chunkSize: Int) {
        self.key = keys.fileKey(context.fileName)
        self.context = context
        self.chunkSize = chunkSize
    }

    /// Takes the next bytes of the file and returns the plaintext of every chunk they complete.
    public mutating func open(_ bytes: some Collection<UInt8>) throws(BackupFormatError) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        guard !sawFinal else { throw .trailingData }
        pending.append(contentsOf: bytes)
        var plaintext: [UInt8] = []
        var start = 0
        while pending.count - start >= ChunkContext.headerLength {
            let flag = pending[start]
            let length = pending[(start + 1)..<(start + 5)].reduce(0) { $0 << 8 | Int($1) }
            guard flag <= 1, length <= chunkSize, flag == 1 || length == chunkSize else {
                throw .malformedChunk(chunks)
            }
            let end = start + ChunkContext.headerLength + length + ChunkContext.tagLength
            guard pending.count >= end else { break }
            let isFinal = flag == 1
            let body = start + ChunkContext.headerLength
            do {
                let box = try AES.GCM.SealedBox(
                    nonce: context.nonce(index: chunks, isFinal: isFinal), ciphertext: pending[body..<(body + length)],
                    tag: pending[(body + length)..<end])
                plaintext += try AES.GCM.open(
                    box, using: key, authenticating: context.associatedData(index: chunks, isFinal: isFinal))
            } catch {
                throw .chunkNotAuthentic(chunks)
            }
            chunks += 1
            start = end
            if isFinal {
                sawFinal = true
                guard start == pending.count else { throw .trailingData }
            }
        }
        pending.removeFirst(start)
        return plaintext
    }

    /// Checks that the file ended exactly after its final chunk.
    public func finish() throws(BackupFormatError) {
        guard sawFinal, pending.isEmpty else { throw .truncated(afterChunks: chunks) }
    }

    /// Opens a whole sealed file held in memory (tests and small files).
    public static func open(_ sealed: [UInt8], keys: BackupKeys, context: ChunkContext, chunkSize: Int)
        throws(BackupFormatError) -> [UInt8]
    {
        var opener = ChunkOpener(keys: keys, context: context, chunkSize: chunkSize)
        let plaintext = try opener.open(sealed)
        try opener.finish()
        return plaintext
    }
}

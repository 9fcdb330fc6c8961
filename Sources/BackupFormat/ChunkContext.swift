import Crypto
import Foundation

/// What every chunk of one sealed file is bound to: the backup it belongs to and the file's name. With the chunk's
/// index and final flag it makes each chunk's nonce and associated data (the STREAM construction of Hoang,
/// Reyhanitabar, Rogaway and Vizár, "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", 2015).
///
/// A sealed file is a sequence of records `flag (1 byte: 0, or 1 for the final chunk) ‖ plaintext length (4 bytes,
/// big-endian) ‖ AES-256-GCM ciphertext ‖ 16-byte tag`. Every chunk before the last holds exactly the chunk size;
/// the last holds 0 to the chunk size. Because the nonce counts chunks and marks the last one:
/// - a reordered, repeated or dropped chunk is opened at the wrong index and fails;
/// - a file cut at a chunk boundary ends without a final chunk, and a final flag set on an earlier chunk fails;
/// - a chunk from another file or backup carries another key and other associated data, and fails.
public struct ChunkContext: Sendable, Hashable {
    /// The backup's id.
    public var backupID: UUID
    /// The sealed file's name within the backup.
    public var fileName: String

    /// The context of file `fileName` of backup `backupID`.
    public init(backupID: UUID, fileName: String) {
        self.backupID = backupID
        self.fileName = fileName
    }

    /// Bytes before a chunk's ciphertext: the flag and the length.
    static let headerLength = 5
    /// Bytes of the GCM tag after a chunk's ciphertext.
    static let tagLength = 16
    private static let domain = Array("sievert-backup-chunk-v1".utf8)

    /// The 96-bit nonce of chunk `index`: three zero bytes, the index (8 bytes, big-endian), the final flag. The key
    /// is new for every file of every backup, so a counter never repeats under one key.
    func nonce(index: UInt64, isFinal: Bool) -> AES.GCM.Nonce {
        var bytes: [UInt8] = [0, 0, 0]
        bytes.appendBigEndian(index)
        bytes.append(isFinal ? 1 : 0)
        // 12 bytes is always a valid GCM nonce.
        guard let nonce = try? AES.GCM.Nonce(data: bytes) else { preconditionFailure("a 12-byte nonce") }
        return nonce
    }

    /// The associated data of chunk `index`: a domain string, the backup id, the length-prefixed file name, the
    /// index and the final flag.
    func associatedData(index: UInt64, isFinal: Bool) -> [UInt8] {
        var bytes = Self.domain
        withUnsafeBytes(of: backupID.uuid) { bytes.append(contentsOf: $0) }
        let name = Array(fileName.utf8)
        bytes.appendBigEndian(UInt16(clamping: name.count))
        bytes.append(contentsOf: name)
        bytes.appendBigEndian(index)
        bytes.append(isFinal ? 1 : 0)
        return bytes
    }
}

extension [UInt8] {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

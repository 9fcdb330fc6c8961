import BackupFormat
import Crypto
import Foundation

/// Sealed files on disk, read and written in bounded memory with plain POSIX calls (the data may be larger than
/// memory, and a pipe's reads come in any sizes). Every function blocks: call it through `BlockingIO`.
enum SealedFile {
    /// Reads `source` (a descriptor) to its end, seals it chunk by chunk, and writes the records to the new file
    /// `path` (created exclusively, mode 0600, synced). Returns the manifest entry of file `name`: the size and the
    /// SHA-256 of what was written.
    static func seal(from source: Int32, to path: String, name: String, sealer initial: ChunkSealer) throws
        -> BackupManifest.File
    {
        var sealer = initial
        let output = try createPrivate(path)
        defer { close(output) }
        var hash = SHA256()
        var written: Int64 = 0
        func emit(_ chunk: [UInt8], isFinal: Bool) throws {
            let record = try sealer.seal(chunk, isFinal: isFinal)
            hash.update(data: record)
            try writeAll(output, record, path: path)
            written += Int64(record.count)
        }
        // A chunk is sealed only once the next is read, so the last one is known to be last.
        var current = try readFull(source, count: sealer.chunkSize)
        while current.count == sealer.chunkSize {
            let next = try readFull(source, count: sealer.chunkSize)
            if next.isEmpty { break }
            try emit(current, isFinal: false)
            current = next
        }
        try emit(current, isFinal: true)
        guard fsync(output) == 0 else { throw failure("cannot sync \(path)") }
        return BackupManifest.File(
            name: name, bytes: written, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
    }

    /// Checks one file of a backup against its manifest entry and opens every chunk, handing the plaintext to `sink`
    /// (or dropping it, to verify only). The file must exist, be a regular file of the manifest's size, and hash to
    /// the manifest's SHA-256; a mismatch is reported as such even when a chunk failed first.
    static func open(
        _ file: BackupManifest.File, in directory: String, manifest: BackupManifest, keys: BackupKeys,
        into sink: (([UInt8]) throws -> Void)?
    ) throws {
        let path = (directory as NSString).appendingPathComponent(file.name)
        let input = posixOpen(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard input >= 0 else {
            throw BackupFailure(
                .notAuthentic, "the backup is incomplete: \(file.name) is missing or cannot be read (\(path))")
        }
        defer { close(input) }
        var status = stat()
        guard fstat(input, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw BackupFailure(.notAuthentic, "\(path) is not a regular file")
        }
        guard Int64(status.st_size) == file.bytes else {
            throw BackupFailure(
                .notAuthentic,
                "\(file.name) is \(status.st_size) bytes but the manifest says \(file.bytes): it was truncated or extended"
            )
        }
        var hash = SHA256()
        var opener = ChunkOpener(keys: keys, context: manifest.context(of: file), chunkSize: manifest.chunkSize)
        var chunkFailure: BackupFormatError?
        var total: Int64 = 0
        while true {
            let piece = try readFull(input, count: 1 << 20)
            if piece.isEmpty { break }
            total += Int64(piece.count)
            hash.update(data: piece)
            guard chunkFailure == nil else { continue }
            let plaintext: [UInt8]
            do throws(BackupFormatError) {
                plaintext = try opener.open(piece)
            } catch {
                chunkFailure = error
                continue
            }
            if let sink, !plaintext.isEmpty { try sink(plaintext) }
        }
        if chunkFailure == nil {
            do throws(BackupFormatError) { try opener.finish() } catch { chunkFailure = error }
        }
        let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
        guard total == file.bytes, digest == file.sha256 else {
            throw BackupFailure(
                .notAuthentic, "\(file.name) does not match its SHA-256 in the manifest: it was edited or corrupted")
        }
        if let chunkFailure { throw BackupFailure(.notAuthentic, "\(file.name): \(chunkFailure)") }
    }

    /// Up to `count` bytes: fewer only at the end of the input.
    static func readFull(_ descriptor: Int32, count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress.map { $0 + filled }, count - filled)
            }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read: \(String(cString: strerror(errno)))")
            }
            filled += got
        }
        buffer.removeLast(count - filled)
        return buffer
    }

    /// Writes every byte, or throws (a full disk, a closed pipe).
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + done }, bytes.count - done)
            }
            if wrote < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += wrote
        }
    }

    /// Creates `path` for writing: it must not exist (no symbolic link is followed), mode 0600.
    static func createPrivate(_ path: String) throws -> Int32 {
        let descriptor = posixOpen(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create \(path): \(String(cString: strerror(errno)))") }
        return descriptor
    }

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws -> Int32 {
        let descriptor = posixOpen(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw failure("cannot open \(path): \(String(cString: strerror(errno)))") }
        return descriptor
    }

    /// Syncs a directory, so the names just renamed into it survive a crash.
    static func syncDirectory(_ path: String) {
        let descriptor = posixOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ message: String) -> BackupFailure {
        BackupFailure(.failed, message)
    }
}

// The C library's `open`, which `SealedFile.open` hides inside the enum.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}

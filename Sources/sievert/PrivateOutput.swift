import ArgumentParser
import Foundation

/// Where a command writes personal data: a new file created with mode 0600, never an existing one, or standard
/// output when no file is named and the command allows it.
enum PrivateOutput {
    /// Exits 1 when `path` already exists, before any work is done.
    static func refuseExisting(_ path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0 {
            Console.error("\(path): already exists; refusing to overwrite it")
            throw ExitCode(1)
        }
    }

    /// Writes `bytes` to the new file `path` (created exclusively, mode 0600), or to standard output when nil.
    static func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path else {
            try FileHandle.standardOutput.write(contentsOf: bytes)
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "already exists; refusing to overwrite it" : "cannot create the file"
            Console.error("\(path): \(reason)")
            throw ExitCode(1)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
        } catch {
            // A half-written file of personal data is worse than none.
            unlink(path)
            Console.error("\(path): cannot write the file")
            throw ExitCode(1)
        }
    }
}

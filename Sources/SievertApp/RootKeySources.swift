import Foundation
import SievertServices
import Synchronization
import Vault

/// The root keyset in a key file (mode 0600, outside the data directory in production). Rotation rewrites the
/// file atomically (a private temporary file renamed over it), and running servers notice the new modification
/// time and read it again.
public final class FileRootKey: RootKeySource {
    public let path: String
    private let requirePrivate: Bool
    private let seen = Mutex<FileStamp?>(nil)

    public init(path: String, requirePrivate: Bool) {
        self.path = path
        self.requirePrivate = requirePrivate
    }

    public var origin: String { "file \(path)" }

    public func load() throws -> Keyset {
        if requirePrivate, let mode = FileSystem.permissions(path), mode & 0o077 != 0 {
            throw RootKeyLoader.Failure(description: "the root key file must be readable by its owner only (chmod 600)")
        }
        let stamp = FileStamp(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RootKeyLoader.Failure(description: "cannot read the root key file \(path)")
        }
        do {
            let keyset = try Keyset(serialized: Array(data))
            seen.withLock { $0 = stamp }
            return keyset
        } catch {
            throw RootKeyLoader.Failure(description: "the root key file is not a Sievert keyset: \(error)")
        }
    }

    public func mayHaveChanged() -> Bool {
        seen.withLock { $0 } != FileStamp(path)
    }

    public func save(_ keyset: Keyset) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".root-keyset-\(UUID().uuidString)")
        try FileSystem.writePrivate(keyset.serialized(), to: temporary)
        // rename(2) replaces the file in one step: a reader sees the old keyset or the new one, never half.
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw RootKeyLoader.Failure(description: "cannot replace the root key file \(path)")
        }
    }
}

/// What identifies one version of a file cheaply: inode, size and modification time.
struct FileStamp: Equatable {
    let inode: UInt64
    let size: Int64
    let modified: Date

    init?(_ path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value,
            let size = (attributes[.size] as? NSNumber)?.int64Value,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        self.inode = inode
        self.size = size
        self.modified = modified
    }
}

/// The root keyset printed by a command: the plug-in point for an external key service. The command (run with
/// `/bin/sh -c`, no input) prints a keyset file on standard output and exits 0 — for instance a KMS client
/// decrypting a KMS-encrypted keyset, or a secrets manager's CLI. It is run at start and again whenever a stored key
/// names a root version this process does not hold (a rotation installed in the key service). It cannot store a
/// rotated keyset: `sievert keys rotate-root --out FILE` writes one for the operator to install there.
public struct CommandRootKey: RootKeySource {
    public let command: String
    /// The longest the command may run.
    public let timeout: Duration

    public init(command: String, timeout: Duration = .seconds(30)) {
        self.command = command
        self.timeout = timeout
    }

    public var origin: String { "command" }

    public func load() throws -> Keyset {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw RootKeyLoader.Failure(description: "cannot run the root key command")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .milliseconds(Int(timeout.components.seconds * 1000)), execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw RootKeyLoader.Failure(
                description: "the root key command failed (exit \(process.terminationStatus))")
        }
        do {
            return try Keyset(serialized: Array(data))
        } catch {
            throw RootKeyLoader.Failure(description: "the root key command did not print a Sievert keyset: \(error)")
        }
    }

    public func mayHaveChanged() -> Bool { false }

    public func save(_ keyset: Keyset) throws { throw RootKeySourceError.readOnly("a command") }
}

import Foundation

/// The directory a backup is written into, and what this run put in it, so a failed run removes exactly that.
final class BackupDirectory: @unchecked Sendable {
    let path: String
    /// Whether this run created the directory (then a failure removes it too).
    private let created: Bool
    private var written: [String] = []
    private let lock = NSLock()

    /// Takes a new or empty directory (created with mode 0700 when missing); anything else is refused, so backups
    /// are never mixed or overwritten.
    init(preparing path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BackupFailure(.refused, "\(path) exists and is not a directory")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]
            guard entries.isEmpty else {
                throw BackupFailure(
                    .refused, "\(path) is not empty: a backup goes into a new or empty directory of its own")
            }
            created = false
        } else {
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw BackupFailure(.failed, "cannot create the directory \(path)")
            }
            created = true
        }
    }

    /// The path of `name` in the directory, remembered for removal if the run fails.
    func track(_ name: String) -> String {
        let full = (path as NSString).appendingPathComponent(name)
        lock.withLock { written.append(full) }
        return full
    }

    /// Renames `name.partial` to `name`, the step that makes a file part of the backup.
    func commit(_ name: String) throws {
        let from = track(name + ".partial")
        let to = track(name)
        guard rename(from, to) == 0 else { throw BackupFailure(.failed, "cannot rename \(from)") }
    }

    /// Removes everything this run wrote (files and private working directories), and the directory if this run
    /// created it.
    func discard() {
        for item in lock.withLock({ written }).reversed() {
            try? FileManager.default.removeItem(atPath: item)
        }
        if created { try? FileManager.default.removeItem(atPath: path) }
    }
}

import Foundation

/// An owner-only temporary directory for a database, deleted when the benchmark is done with it.
struct ScratchDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("sievert-bench-ledger-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Deletes the directory and everything in it (database, WAL, keys, witnessed checkpoints).
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

import Foundation

/// An owner-only temporary directory for one iteration's database, so every iteration starts empty.
struct ScratchDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("sievert-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Deletes the directory and everything in it (database, WAL, development key).
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

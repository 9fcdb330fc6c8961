import Foundation
import Logging
import Vault

/// Loads the root keyset from outside the database, or (development only) generates one.
public enum RootKeyLoader {
    /// Why the root key could not be loaded.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The root keyset the settings name. In production a key file is required, outside the data directory,
    /// readable by its owner only; in development a missing key is generated with a loud warning.
    public static func load(_ settings: SievertSettings, logger: Logger) throws -> Keyset {
        if settings.production {
            guard let file = settings.rootKeyFile else {
                throw Failure(
                    description:
                        "production mode needs --root-key-file (or SIEVERT_ROOT_KEY_FILE) outside the data directory")
            }
            if FileSystem.isInside(file, directory: settings.dataDirectory) {
                throw Failure(
                    description:
                        "the root key file must not be inside the data directory: a copy of the data would carry its key"
                )
            }
            return try read(file, requirePrivate: true)
        }
        let file = settings.rootKeyFile ?? settings.developmentKeyFile
        if FileManager.default.fileExists(atPath: file) { return try read(file, requirePrivate: false) }
        guard settings.rootKeyFile == nil else { throw Failure(description: "no root key file at \(file)") }
        let keyset = Keyset.generate()
        try FileSystem.createPrivateDirectory((file as NSString).deletingLastPathComponent)
        try FileSystem.writePrivate(keyset.serialized(), to: file)
        logger.warning(
            "DEVELOPMENT ROOT KEY GENERATED inside the data directory. Anyone with a copy of the directory can read everything. Never use it for real data: run with --production and --root-key-file.",
            metadata: ["path": "\(file)"])
        return keyset
    }

    /// The root keyset the settings name, never generating one: what a restore opens a backup with. Production
    /// applies the same rules as ``load(_:logger:)``.
    public static func loadExisting(_ settings: SievertSettings, logger: Logger) throws -> Keyset {
        if settings.production { return try load(settings, logger: logger) }
        let file = settings.rootKeyFile ?? settings.developmentKeyFile
        guard FileManager.default.fileExists(atPath: file) else {
            throw Failure(
                description:
                    "no root key file at \(file): give --root-key-file, the root key the backup was made under")
        }
        return try read(file, requirePrivate: false)
    }

    private static func read(_ file: String, requirePrivate: Bool) throws -> Keyset {
        if requirePrivate, let mode = FileSystem.permissions(file), mode & 0o077 != 0 {
            throw Failure(description: "the root key file must be readable by its owner only (chmod 600)")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Failure(description: "cannot read the root key file \(file)")
        }
        do {
            return try Keyset(serialized: Array(data))
        } catch {
            throw Failure(description: "the root key file is not a Sievert keyset: \(error)")
        }
    }
}

/// The few file-system operations the composition root needs, with private permissions.
enum FileSystem {
    static func createPrivateDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    static func writePrivate(_ bytes: [UInt8], to path: String) throws {
        guard
            FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        else { throw RootKeyLoader.Failure(description: "cannot write \(path)") }
    }

    static func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int
    }

    /// Whether `path` lies inside `directory`, after resolving symbolic links and relative parts.
    static func isInside(_ path: String, directory: String) -> Bool {
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        return file == folder || file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}

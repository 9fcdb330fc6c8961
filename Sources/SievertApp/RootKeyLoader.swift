import Foundation
import Logging
import SievertServices
import Vault

/// Loads the root keyset from outside the database, or (development only) generates one.
public enum RootKeyLoader {
    /// Why the root key could not be loaded.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The root key source the settings name: a key file, the `SIEVERT_ROOT_KEY` secret (a keyset file's text),
    /// or a command printing one. In production one of them is required, and a key file must lie outside the data
    /// directory and be readable by its owner only; in development a missing key is generated with a loud warning.
    public static func source(_ settings: SievertSettings, logger: Logger) throws -> any RootKeySource {
        let given = [settings.rootKeyFile != nil, settings.rootKey != nil, settings.rootKeyCommand != nil]
        guard given.filter({ $0 }).count <= 1 else {
            throw Failure(description: "give one of --root-key-file, SIEVERT_ROOT_KEY and --root-key-command")
        }
        if let secret = settings.rootKey {
            do {
                return FixedRootKey(try Keyset(serialized: Array(secret.utf8)), origin: "environment SIEVERT_ROOT_KEY")
            } catch {
                throw Failure(description: "SIEVERT_ROOT_KEY is not a Sievert keyset: \(error)")
            }
        }
        if let command = settings.rootKeyCommand {
            let source = CommandRootKey(command: command)
            _ = try source.load()
            return source
        }
        if settings.production {
            guard let file = settings.rootKeyFile else {
                throw Failure(
                    description:
                        "production mode needs --root-key-file, SIEVERT_ROOT_KEY or --root-key-command (outside the data directory)"
                )
            }
            if FileSystem.isInside(file, directory: settings.dataDirectory) {
                throw Failure(
                    description:
                        "the root key file must not be inside the data directory: a copy of the data would carry its key"
                )
            }
            let source = FileRootKey(path: file, requirePrivate: true)
            _ = try source.load()
            return source
        }
        let file = settings.rootKeyFile ?? settings.developmentKeyFile
        let source = FileRootKey(path: file, requirePrivate: false)
        if FileManager.default.fileExists(atPath: file) {
            _ = try source.load()
            return source
        }
        guard settings.rootKeyFile == nil else { throw Failure(description: "no root key file at \(file)") }
        let keyset = Keyset.generate()
        try FileSystem.createPrivateDirectory((file as NSString).deletingLastPathComponent)
        try FileSystem.writePrivate(keyset.serialized(), to: file)
        logger.warning(
            "DEVELOPMENT ROOT KEY GENERATED inside the data directory. Anyone with a copy of the directory can read everything. Never use it for real data: run with --production and --root-key-file.",
            metadata: ["path": "\(file)"])
        _ = try source.load()
        return source
    }

    /// The root keyset the settings name, never generating one: what a restore opens a backup with. Production
    /// applies the same rules as ``source(_:logger:)``.
    public static func loadExisting(_ settings: SievertSettings, logger: Logger) throws -> Keyset {
        if settings.production || settings.rootKey != nil || settings.rootKeyCommand != nil {
            return try source(settings, logger: logger).load()
        }
        let file = settings.rootKeyFile ?? settings.developmentKeyFile
        guard FileManager.default.fileExists(atPath: file) else {
            throw Failure(
                description:
                    "no root key file at \(file): give --root-key-file, the root key the backup was made under")
        }
        return try FileRootKey(path: file, requirePrivate: false).load()
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

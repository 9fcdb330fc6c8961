import Crypto
import Foundation
import Logging

/// Ed25519 signing keys kept in files outside the database: base64 of the 32-byte private key, mode 0600.
enum SigningKeyFile {
    /// The key `given` names. Production needs it, outside the data directory (`option` names the flag in the
    /// error); development falls back to `developmentFile`, generating it with `warning` when missing.
    static func load(
        given: String?, developmentFile: String, option: String, settings: SievertSettings, warning: Logger.Message,
        logger: Logger
    ) throws -> Curve25519.Signing.PrivateKey {
        let file: String
        if settings.production {
            guard let given else {
                throw RootKeyLoader.Failure(description: "production mode needs \(option) outside the data directory")
            }
            guard !FileSystem.isInside(given, directory: settings.dataDirectory) else {
                throw RootKeyLoader.Failure(
                    description: "the file given by \(option) must not be inside the data directory")
            }
            file = given
        } else {
            file = given ?? developmentFile
            if !FileManager.default.fileExists(atPath: file), given == nil {
                try FileSystem.createPrivateDirectory((file as NSString).deletingLastPathComponent)
                let key = Curve25519.Signing.PrivateKey()
                try FileSystem.writePrivate(Array(key.rawRepresentation.base64EncodedString().utf8), to: file)
                logger.warning(warning, metadata: ["path": "\(file)"])
            }
        }
        return try read(file)
    }

    /// The key in `file`, never generated.
    static func read(_ file: String) throws -> Curve25519.Signing.PrivateKey {
        guard let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }),
            let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw RootKeyLoader.Failure(description: "cannot read an Ed25519 key (base64) from \(file)") }
        return key
    }
}

import Crypto
import Foundation
import Ledger
import Logging
import SievertServices

/// The checkpoint-signing key and the witness directory, both outside the database.
enum LedgerSetup {
    static let keyName = "sievert-audit"

    /// The signer named by the settings. Production needs a key file outside the data directory; development
    /// generates one under it (mode 0600) with a warning.
    static func signer(_ settings: SievertSettings, logger: Logger) throws -> CheckpointSigner {
        let file: String
        if settings.production {
            guard let given = settings.ledgerKeyFile else {
                throw RootKeyLoader.Failure(
                    description: "production mode needs --ledger-key-file outside the data directory")
            }
            guard !FileSystem.isInside(given, directory: settings.dataDirectory) else {
                throw RootKeyLoader.Failure(description: "the ledger key file must not be inside the data directory")
            }
            file = given
        } else {
            file = settings.ledgerKeyFile ?? settings.developmentLedgerKeyFile
            if !FileManager.default.fileExists(atPath: file), settings.ledgerKeyFile == nil {
                try FileSystem.createPrivateDirectory((file as NSString).deletingLastPathComponent)
                let key = Curve25519.Signing.PrivateKey()
                try FileSystem.writePrivate(Array(key.rawRepresentation.base64EncodedString().utf8), to: file)
                logger.warning(
                    "development audit-signing key generated inside the data directory", metadata: ["path": "\(file)"])
            }
        }
        guard let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }),
            let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw RootKeyLoader.Failure(description: "cannot read an Ed25519 key (base64) from \(file)") }
        return try CheckpointSigner(keyName: keyName, privateKey: key)
    }

    /// The witness directory named by the settings; production needs one outside the data directory.
    static func witness(_ settings: SievertSettings) throws -> FileCheckpointWitness {
        let directory = settings.effectiveWitnessDirectory
        if settings.production
            && (settings.witnessDirectory == nil || FileSystem.isInside(directory, directory: settings.dataDirectory))
        {
            throw RootKeyLoader.Failure(description: "production mode needs --witness-dir outside the data directory")
        }
        try FileSystem.createPrivateDirectory(directory)
        return FileCheckpointWitness(directory: directory)
    }
}

/// Keeps every signed checkpoint as a file, and the latest as `latest.note`, replaced atomically.
public struct FileCheckpointWitness: CheckpointWitness {
    public let directory: String

    public func latest() throws -> String? {
        FileManager.default.contents(atPath: directory + "/latest.note").map { String(decoding: $0, as: UTF8.self) }
    }

    public func record(_ note: String, size: UInt64) throws {
        let data = Data(note.utf8)
        try data.write(to: URL(fileURLWithPath: directory + "/checkpoint-\(size).note"), options: .atomic)
        try data.write(to: URL(fileURLWithPath: directory + "/latest.note"), options: .atomic)
    }
}

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
        let key = try SigningKeyFile.load(
            given: settings.ledgerKeyFile, developmentFile: settings.developmentLedgerKeyFile,
            option: "--ledger-key-file", settings: settings,
            warning: "development audit-signing key generated inside the data directory", logger: logger)
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

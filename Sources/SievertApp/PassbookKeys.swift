import Foundation
import Logging
import Passbook

/// The key that signs radiation passbooks: an Ed25519 key file beside the audit key, outside the database, under
/// the same rules.
public enum PassbookKeys {
    /// The signer named by the settings. Production needs `--passbook-key-file` outside the data directory;
    /// development generates a key under it (mode 0600) with a warning.
    public static func signer(_ settings: SievertSettings, logger: Logger) throws -> PassbookSigner {
        PassbookSigner(
            privateKey: try SigningKeyFile.load(
                given: settings.passbookKeyFile, developmentFile: settings.developmentPassbookKeyFile,
                option: "--passbook-key-file", settings: settings,
                warning: "development passbook-signing key generated inside the data directory", logger: logger))
    }

    /// The verifier for this service's own passbook key, read from the key file the settings name (in
    /// development, the one in the data directory); `nil` when there is no such file. Never generates a key.
    public static func verifier(_ settings: SievertSettings) throws -> PassbookVerifier? {
        guard let file = settings.passbookKeyFile ?? (settings.production ? nil : settings.developmentPassbookKeyFile),
            FileManager.default.fileExists(atPath: file)
        else { return nil }
        return PassbookSigner(privateKey: try SigningKeyFile.read(file)).verifier
    }
}

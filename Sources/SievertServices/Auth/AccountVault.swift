import DoseCore
import Foundation
import SievertStorage
import Vault

/// Seals and opens the personal parts of an account (login name, TOTP secret) and finds accounts by login name.
struct AccountVault: Sendable {
    let keys: KeyService

    /// Login names are compared trimmed and lower-cased.
    static func normalise(_ login: String) -> String {
        login.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The reason a login name is refused, or nil.
    static func problem(with login: String) -> String? {
        let normalised = normalise(login)
        if normalised.count < 3 || normalised.count > 254 { return "must be 3 to 254 characters" }
        if normalised.unicodeScalars.contains(where: {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }) {
            return "must not contain spaces or control characters"
        }
        return nil
    }

    func loginIndex(_ login: String) throws -> Int64 {
        Int64(bitPattern: try keys.indexer.index(Self.normalise(login), field: BlindIndexFields.login))
    }

    func sealLogin(_ login: String, account: AccountID) throws -> [UInt8] {
        try keys.accountSealer.seal(Array(Self.normalise(login).utf8), binding: binding(account, "login"))
    }

    func openLogin(_ row: AccountRow) throws -> String {
        try keys.accountSealer.openString(row.sealedLogin, binding: binding(row.id, "login"))
    }

    func sealTOTPSecret(_ secret: String, account: AccountID) throws -> [UInt8] {
        try keys.accountSealer.seal(Array(secret.utf8), binding: binding(account, "totp_secret"))
    }

    func openTOTPSecret(_ row: AccountRow) throws -> String? {
        guard let sealed = row.sealedTOTPSecret else { return nil }
        return try keys.accountSealer.openString(sealed, binding: binding(row.id, "totp_secret"))
    }

    private func binding(_ account: AccountID, _ column: String) -> AssociatedData {
        AssociatedData(organisation: "_service", table: "accounts", column: column, row: account.description)
    }
}

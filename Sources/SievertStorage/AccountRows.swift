import DoseCore
import Foundation

/// Marks identifiers of user accounts.
public enum AccountTag: IdentifierTag {}

/// The identifier of a user account.
public typealias AccountID = Identifier<AccountTag>

/// Where an account stands.
public enum AccountStatus: String, Sendable, Hashable, Codable {
    /// Created with an enrolment token; no password yet.
    case pending
    case active
    /// Can no longer sign in; every session ended.
    case disabled
}

/// A user account as stored. The login name and the TOTP secret are sealed under the service's account key;
/// the login name is found by a keyed 64-bit blind index. The password is stored only as a bcrypt hash.
public struct AccountRow: Sendable, Hashable {
    public var id: AccountID
    /// Blind index of the normalised login name (unique).
    public var loginIndex: Int64
    /// The login name, sealed.
    public var sealedLogin: [UInt8]
    /// One of the roles of DESIGN.md §Security 9 (`rps-admin`, `org-lead`, `wearer`, `lab`, `auditor`).
    public var role: String
    /// Organisations an `org-lead` (or `lab`) account covers; the wearer's person's organisation for a wearer.
    public var organisationIDs: [OrganisationID]
    /// The person a `wearer` account is linked to.
    public var personID: PersonID?
    public var status: AccountStatus
    /// bcrypt hash (`$2b$12$…`), nil until the account is enrolled.
    public var passwordHash: String?
    /// The TOTP secret, sealed; nil until enrolled or for roles without two-factor.
    public var sealedTOTPSecret: [UInt8]?
    /// SHA-256 of the one-time enrolment token, while one is outstanding.
    public var enrolmentHash: [UInt8]?
    public var enrolmentExpiresAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: AccountID, loginIndex: Int64, sealedLogin: [UInt8], role: String, organisationIDs: [OrganisationID],
        personID: PersonID?, status: AccountStatus, passwordHash: String?, sealedTOTPSecret: [UInt8]?,
        enrolmentHash: [UInt8]?, enrolmentExpiresAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.loginIndex = loginIndex
        self.sealedLogin = sealedLogin
        self.role = role
        self.organisationIDs = organisationIDs
        self.personID = personID
        self.status = status
        self.passwordHash = passwordHash
        self.sealedTOTPSecret = sealedTOTPSecret
        self.enrolmentHash = enrolmentHash
        self.enrolmentExpiresAt = enrolmentExpiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A signed-in session as stored: only the SHA-256 of its 128-bit token.
public struct SessionRow: Sendable, Hashable {
    /// SHA-256 of the session token.
    public var hash: [UInt8]
    public var accountID: AccountID
    public var createdAt: Date
    /// Updated at most once a minute while the session is used; the idle timeout runs from here.
    public var lastSeenAt: Date
    /// The absolute end of the session, whatever its use.
    public var expiresAt: Date

    public init(hash: [UInt8], accountID: AccountID, createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.hash = hash
        self.accountID = accountID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}

/// Sessions a change set ends.
public enum SessionEnd: Sendable, Hashable {
    /// The session with this token hash (sign-out, expiry).
    case session(hash: [UInt8])
    /// Every session of an account (disabled, password changed).
    case account(AccountID)
}

/// One failed sign-in, counted against a key that is not personal data (the login name's blind index).
public struct LoginFailureRow: Sendable, Hashable {
    public var key: Int64
    public var at: Date

    public init(key: Int64, at: Date) {
        self.key = key
        self.at = at
    }
}

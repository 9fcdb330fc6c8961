import DoseCore
import Foundation
import SievertStorage

/// An account as shown to the service operator.
public struct AccountView: Codable, Sendable, Hashable {
    public var id: AccountID
    public var login: String
    public var role: Role
    public var organisations: [String]
    public var person: PersonID?
    public var status: AccountStatus
    public var twoFactor: Bool
    public var createdAt: Date
}

/// What the operator asks for when creating an account.
public struct NewAccount: Codable, Sendable {
    public var login: String
    public var role: String
    /// Organisation codes: one or more for `org-lead`, exactly one for `lab`, none for the others.
    public var organisations: [String]?
    /// The person a `wearer` account belongs to.
    public var person: String?

    public init(login: String, role: String, organisations: [String]? = nil, person: String? = nil) {
        self.login = login
        self.role = role
        self.organisations = organisations
        self.person = person
    }
}

/// A created account and its one-time enrolment token (shown once, valid for 72 hours).
public struct CreatedAccount: Codable, Sendable {
    public var account: AccountView
    public var enrolmentToken: String
    public var enrolmentExpiresAt: Date
}

/// What enrolment hands back: for roles with two factors, the TOTP secret to put in an authenticator app.
public struct Enrolment: Codable, Sendable {
    public var account: AccountID
    public var role: Role
    /// The key to type into an authenticator app (base32), when the URI cannot be scanned.
    public var totpSecret: String?
    public var totpURI: String?
}

/// Creating, enrolling, listing and disabling accounts. There is no default password anywhere: every account
/// starts pending, with a one-time enrolment token, and its holder chooses the password.
public struct AccountService: Sendable {
    let store: any RecordStore
    let keys: KeyService
    let hasher: PasswordHasher
    let clock: @Sendable () -> Date

    var vault: AccountVault { AccountVault(keys: keys) }
    static let enrolmentValidity: TimeInterval = 72 * 3600

    /// The first (or another) service administrator, created at the console of the machine holding the root key.
    public func createAdmin(login: String, by caller: Caller) async throws -> CreatedAccount {
        try await create(NewAccount(login: login, role: Role.rpsAdmin.rawValue), by: caller)
    }

    /// Creates a pending account. `rps-admin` creates any role; an `org-lead` creates `wearer` accounts for
    /// people of their own organisations.
    public func create(_ input: NewAccount, by caller: Caller) async throws -> CreatedAccount {
        var errors: [ValidationError] = []
        if let problem = AccountVault.problem(with: input.login) {
            errors.append(ValidationError(field: "login", reason: problem))
        }
        guard let role = Role(rawValue: input.role) else {
            throw ServiceError.invalid(
                errors + [
                    ValidationError(field: "role", reason: "must be one of rps-admin, org-lead, wearer, lab, auditor")
                ])
        }
        guard caller.role == .rpsAdmin || (caller.role == .orgLead && role == .wearer) else {
            throw ServiceError.forbidden("this role may not create \(role.rawValue) accounts")
        }
        let codes = input.organisations ?? []
        var organisations: [OrganisationID] = []
        for code in codes {
            guard let row = try await store.organisation(code: code.uppercased(), scope: caller.scope) else {
                errors.append(ValidationError(field: "organisations", reason: "no organisation \(code)"))
                continue
            }
            organisations.append(row.id)
        }
        var person: PersonID?
        switch role {
        case .orgLead where codes.isEmpty:
            errors.append(
                ValidationError(field: "organisations", reason: "an org-lead needs at least one organisation"))
        case .lab where codes.count != 1:
            errors.append(
                ValidationError(field: "organisations", reason: "a lab account needs exactly one organisation"))
        case .rpsAdmin, .auditor, .wearer:
            if !codes.isEmpty {
                errors.append(ValidationError(field: "organisations", reason: "not used for \(role.rawValue)"))
            }
        default: break
        }
        if role == .wearer {
            if let text = input.person, let id = PersonID(text),
                let record = try await store.person(id: id, scope: caller.scope)
            {
                person = id
                organisations = [record.person.organisationID]
            } else {
                errors.append(ValidationError(field: "person", reason: "a wearer account needs a person in scope"))
            }
        } else if input.person != nil {
            errors.append(ValidationError(field: "person", reason: "only wearer accounts are linked to a person"))
        }
        guard errors.isEmpty else { throw ServiceError.invalid(errors) }

        let now = clock()
        let id = AccountID.generate(now: now)
        let token = SecretToken.generate(prefix: "en_")
        let expires = now.addingTimeInterval(Self.enrolmentValidity)
        let row = AccountRow(
            id: id, loginIndex: try vault.loginIndex(input.login),
            sealedLogin: try vault.sealLogin(input.login, account: id),
            role: role.rawValue, organisationIDs: organisations, personID: person, status: .pending,
            passwordHash: nil, sealedTOTPSecret: nil, enrolmentHash: SecretToken.hash(token),
            enrolmentExpiresAt: expires, createdAt: now, updatedAt: now)
        var changes = ChangeSet()
        changes.newAccounts = [row]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "account.create", subject: id.description, organisation: nil, purpose: "access", at: now)
        ]
        do {
            try await store.apply(changes, scope: .service(actor: caller.actor))
        } catch let error as StoreError where error.isConflict {
            throw ServiceError.invalid(field: "login", "is already taken")
        }
        return CreatedAccount(
            account: try await view(row), enrolmentToken: token, enrolmentExpiresAt: expires)
    }

    /// Sets the password of a pending account from its enrolment token (once), and for `rps-admin` and `org-lead`
    /// generates the TOTP secret. The token is spent whatever the outcome once a password is accepted.
    public func enrol(token: String, password: String, requestID: String) async throws -> Enrolment {
        let now = clock()
        guard SecretToken.isWellFormed(token, prefix: "en_"),
            var row = try await store.account(enrolmentHash: SecretToken.hash(token)),
            row.status == .pending, let expires = row.enrolmentExpiresAt, expires > now,
            let role = Role(rawValue: row.role)
        else { throw ServiceError.unauthenticated("the enrolment token is unknown, used or expired") }
        let login = try vault.openLogin(row)
        if let problem = PasswordPolicy.problem(with: password, login: login) {
            throw ServiceError.invalid(field: "password", problem)
        }
        row.passwordHash = await hasher.hash(password)
        var secret: String?
        if Caller.requiresTwoFactor(role) {
            let generated = TOTPAuthenticator.newSecret()
            row.sealedTOTPSecret = try vault.sealTOTPSecret(generated, account: row.id)
            secret = generated
        }
        row.status = .active
        row.enrolmentHash = nil
        row.enrolmentExpiresAt = nil
        row.updatedAt = now
        let actor = Caller(actor: "account:\(row.id)", role: role, organisations: .only([]), requestID: requestID)
        var changes = ChangeSet()
        changes.accountUpdates = [row]
        changes.auditEvents = [
            AuditTrail.event(
                actor, "account.enrol", subject: row.id.description, organisation: nil, purpose: "access", at: now)
        ]
        try await store.apply(changes, scope: .service(actor: actor.actor))
        return Enrolment(
            account: row.id, role: role, totpSecret: secret.map(TOTPAuthenticator.manualEntryKey),
            totpURI: secret.map { TOTPAuthenticator.provisioningURI(secret: $0, label: login, issuer: "Sievert") })
    }

    /// Every account, for the service operator. Reading login names is a read of personal data: audited.
    public func list(by caller: Caller) async throws -> [AccountView] {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator lists accounts")
        }
        let rows = try await store.accounts()
        var views: [AccountView] = []
        for row in rows { views.append(try await view(row)) }
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                caller, "account.list", subject: nil, organisation: nil, purpose: "access", at: clock(),
                outcome: "rows=\(rows.count)")
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
        return views
    }

    /// Disables an account and ends every session it has.
    public func disable(_ id: AccountID, by caller: Caller) async throws -> AccountView {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator disables accounts")
        }
        guard var row = try await store.account(id: id) else { throw ServiceError.notFound("account \(id)") }
        let now = clock()
        row.status = .disabled
        row.enrolmentHash = nil
        row.enrolmentExpiresAt = nil
        row.updatedAt = now
        var changes = ChangeSet()
        changes.accountUpdates = [row]
        changes.endedSessions = [.account(id)]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "account.disable", subject: id.description, organisation: nil, purpose: "access", at: now)
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
        return try await view(row)
    }

    func view(_ row: AccountRow) async throws -> AccountView {
        var codes: [String] = []
        for id in row.organisationIDs {
            if let organisation = try await store.organisation(id: id, scope: .service(actor: "accounts")) {
                codes.append(organisation.code)
            }
        }
        let role = Role(rawValue: row.role) ?? .wearer
        return AccountView(
            id: row.id, login: try vault.openLogin(row), role: role, organisations: codes.sorted(),
            person: row.personID,
            status: row.status, twoFactor: row.sealedTOTPSecret != nil, createdAt: row.createdAt)
    }
}

import DoseCore
import Foundation
import SievertStorage

/// A started session: the token goes only into the `Set-Cookie` header.
public struct StartedSession: Sendable {
    public var token: String
    public var account: AccountID
    public var role: Role
    public var expiresAt: Date
}

/// What the first step of a two-step sign-in led to.
public enum SignInStep: Sendable {
    case signedIn(StartedSession)
    /// The password was right; answer `challenge` with a one-time code.
    case codeRequired(challenge: String)
}

/// Sign-in with password and (for `rps-admin` and `org-lead`) a TOTP code; sessions with idle and absolute
/// timeouts; sign-out; password change. Every attempt, good or bad, appends a ledger event.
public struct SignInService: Sendable {
    /// A session ends after 30 minutes without use or 12 hours after sign-in, whichever comes first.
    public static let idleTimeout: TimeInterval = 30 * 60
    public static let absoluteTimeout: TimeInterval = 12 * 3600
    /// How long the code page of a two-step sign-in waits for the code.
    public static let challengeLifetime: TimeInterval = SignInChallenges.lifetime

    let store: any RecordStore
    let keys: KeyService
    let hasher: PasswordHasher
    let policy: LoginThrottlePolicy
    let addresses: AddressFailures
    let clock: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void
    let challenges: SignInChallenges
    let checksInFlight = LoginChecksInFlight()

    var vault: AccountVault { AccountVault(keys: keys) }

    /// The one answer to every failed sign-in: it does not say whether the account exists or which factor was wrong.
    static let failure = ServiceError.unauthenticated("the login name, password or code is not right")

    /// Signs in. Unknown login names cost the same bcrypt as wrong passwords and are counted and throttled the
    /// same way, so neither the answer nor its timing tells them apart.
    public func signIn(
        login: String, password: String, code: String?, address: String?, requestID: String
    ) async throws -> StartedSession {
        let now = clock()
        let checked = try await checkPassword(login: login, password: password, address: address, requestID: requestID)
        if Caller.requiresTwoFactor(checked.role) {
            guard let code, !code.isEmpty else {
                try await record(checked.principal, outcome: "code-required", subject: checked.subject, now: now)
                throw ServiceError.invalid(field: "code", "a one-time code from the authenticator app is required")
            }
            try await checkCode(code, for: checked, address: address, now: now)
        }
        return try await startSession(checked, now: now)
    }

    /// The first of two steps, for forms that ask for the code on a page of its own: checks the password and
    /// either starts the session (no second factor for the role) or returns a challenge to answer with a code.
    /// The challenge is not a session and unlocks nothing but `completeSignIn`; it lasts five minutes and three
    /// wrong codes.
    public func beginSignIn(
        login: String, password: String, address: String?, requestID: String
    ) async throws -> SignInStep {
        let now = clock()
        let checked = try await checkPassword(login: login, password: password, address: address, requestID: requestID)
        guard Caller.requiresTwoFactor(checked.role) else {
            return .signedIn(try await startSession(checked, now: now))
        }
        try await record(checked.principal, outcome: "code-required", subject: checked.subject, now: now)
        return .codeRequired(challenge: challenges.open(checked.account.id, loginKey: checked.key, now: now))
    }

    /// The second step: the code for the challenge `beginSignIn` returned. A wrong code counts as a failed
    /// sign-in of the account; an unknown or spent challenge gets the one failure answer.
    public func completeSignIn(
        challenge: String, code: String, address: String?, requestID: String
    ) async throws -> StartedSession {
        let now = clock()
        let anonymous = Principal(actor: "anonymous", role: "none", requestID: requestID)
        guard let pending = challenges.take(challenge, now: now),
            let row = try await store.account(id: pending.account), row.status == .active,
            let role = Role(rawValue: row.role)
        else {
            try await fail(anonymous, key: nil, subject: nil, address: address, failures: 0, now: now)
        }
        let failures = try await store.loginFailures(key: pending.loginKey, since: now.addingTimeInterval(-3600))
        let checked = CheckedPassword(
            account: row, role: role, key: pending.loginKey, failures: failures, requestID: requestID)
        do {
            try await checkCode(code, for: checked, address: address, now: now)
        } catch {
            challenges.putBack(challenge, pending)
            throw error
        }
        return try await startSession(checked, now: now)
    }

    /// What a session of the account covers: the service operator every organisation (as her API tokens do),
    /// every other role the organisations the account names.
    static func organisations(of role: Role, _ ids: [OrganisationID]) -> StoreScope.Organisations {
        role == .rpsAdmin ? .all : .only(Set(ids))
    }

    /// An account whose password was just checked.
    struct CheckedPassword {
        var account: AccountRow
        var role: Role
        var key: Int64
        var failures: Int
        var requestID: String

        var caller: Caller {
            Caller(
                actor: "account:\(account.id)", role: role,
                organisations: SignInService.organisations(of: role, account.organisationIDs),
                requestID: requestID, person: account.personID, account: account.id)
        }
        var principal: Principal { Principal(actor: caller.actor, role: role.rawValue, requestID: requestID) }
        var subject: String { account.id.description }
    }

    private func checkPassword(
        login: String, password: String, address: String?, requestID: String
    ) async throws -> CheckedPassword {
        let now = clock()
        let anonymous = Principal(actor: "anonymous", role: "none", requestID: requestID)
        if let address, addresses.count(address, now: now) >= policy.maxFailuresPerAddress {
            try await record(anonymous, outcome: "throttled-address", subject: nil, now: now)
            throw ServiceError.throttled(retryAfterSeconds: 3600)
        }
        guard AccountVault.problem(with: login) == nil, password.utf8.count <= 4 * PasswordPolicy.maximumLength else {
            _ = await hasher.verify(password.prefix(PasswordPolicy.maximumLength).description, hash: nil)
            try await fail(anonymous, key: nil, subject: nil, address: address, failures: 0, now: now)
        }
        let key = try vault.loginIndex(login)
        let row = try await store.account(loginIndex: key)
        let started = checksInFlight.begin(key, limit: policy.maxFailuresPerAccount)
        var running = started != nil
        defer { if running { checksInFlight.end(key) } }
        let failures = try await store.loginFailures(key: key, since: now.addingTimeInterval(-3600))
        guard let started, failures + started <= policy.maxFailuresPerAccount else {
            try await record(anonymous, outcome: "locked", subject: row?.id.description, now: now)
            throw ServiceError.throttled(retryAfterSeconds: 3600)
        }
        let usable = row.flatMap { $0.status == .active ? $0 : nil }
        let passwordMatches = await hasher.verify(password, hash: usable?.passwordHash)
        guard passwordMatches, let account = usable, let role = Role(rawValue: account.role) else {
            // The check ends once its failure is stored, before the answer's delay.
            try await recordFailure(anonymous, key: key, subject: row?.id.description, address: address, now: now)
            checksInFlight.end(key)
            running = false
            try await delayAndFail(afterFailures: failures)
        }
        return CheckedPassword(account: account, role: role, key: key, failures: failures, requestID: requestID)
    }

    private func checkCode(_ code: String, for checked: CheckedPassword, address: String?, now: Date) async throws {
        if checked.failures >= policy.maxFailuresPerAccount {
            try await record(
                Principal(actor: "anonymous", role: "none", requestID: checked.requestID), outcome: "locked",
                subject: checked.subject, now: now)
            throw ServiceError.throttled(retryAfterSeconds: 3600)
        }
        guard let secret = try vault.openTOTPSecret(checked.account),
            let step = TOTPAuthenticator.matchingStep(code: code, secret: secret, at: now),
            try await store.claimTOTPStep(step, account: checked.account.id)
        else {
            try await fail(
                Principal(actor: "anonymous", role: "none", requestID: checked.requestID), key: checked.key,
                subject: checked.subject, address: address, failures: checked.failures, now: now)
        }
    }

    private func startSession(_ checked: CheckedPassword, now: Date) async throws -> StartedSession {
        let token = SecretToken.generate(prefix: "ss_")
        let session = SessionRow(
            hash: SecretToken.hash(token), accountID: checked.account.id, createdAt: now, lastSeenAt: now,
            expiresAt: now.addingTimeInterval(Self.absoluteTimeout))
        var changes = ChangeSet()
        changes.newSessions = [session]
        changes.auditEvents = [
            AuditTrail.event(
                checked.caller, "auth.sign-in", subject: checked.subject, organisation: nil, purpose: "access", at: now)
        ]
        try await store.apply(changes, scope: .service(actor: checked.caller.actor))
        return StartedSession(
            token: token, account: checked.account.id, role: checked.role, expiresAt: session.expiresAt)
    }

    /// The caller a session token stands for, or nil when it is unknown, idle too long, past its absolute end,
    /// or its account is no longer active. An expired session is deleted.
    public func authenticate(session token: String, requestID: String) async throws -> Caller? {
        guard SecretToken.isWellFormed(token, prefix: "ss_") else { return nil }
        let hash = SecretToken.hash(token)
        guard let session = try await store.session(hash: hash) else { return nil }
        let now = clock()
        guard session.expiresAt > now, session.lastSeenAt.addingTimeInterval(Self.idleTimeout) > now else {
            var changes = ChangeSet()
            changes.endedSessions = [.session(hash: hash)]
            try await store.apply(changes, scope: .service(actor: "sessions"))
            return nil
        }
        guard let account = try await store.account(id: session.accountID), account.status == .active,
            let role = Role(rawValue: account.role)
        else { return nil }
        // One write a minute at most per session, not one per request.
        if now.timeIntervalSince(session.lastSeenAt) > 60 { try await store.touchSession(hash: hash, at: now) }
        return Caller(
            actor: "account:\(account.id)", role: role,
            organisations: Self.organisations(of: role, account.organisationIDs),
            requestID: requestID, person: account.personID, account: account.id)
    }

    /// Ends the session.
    public func signOut(session token: String, caller: Caller) async throws {
        var changes = ChangeSet()
        changes.endedSessions = [.session(hash: SecretToken.hash(token))]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "auth.sign-out", subject: caller.account?.description, organisation: nil, purpose: "access",
                at: clock())
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
    }

    /// Changes the caller's password after checking the current one; every session of the account ends.
    public func changePassword(current: String, new: String, caller: Caller) async throws {
        guard let id = caller.account, var account = try await store.account(id: id) else {
            throw ServiceError.forbidden("only a signed-in account has a password")
        }
        let now = clock()
        guard await hasher.verify(current, hash: account.passwordHash) else {
            try await record(
                Principal(actor: caller.actor, role: caller.role.rawValue, requestID: caller.requestID),
                outcome: "failed", subject: id.description, now: now, action: "auth.password-change")
            throw ServiceError.invalid(field: "current", "is not the current password")
        }
        if let problem = PasswordPolicy.problem(with: new, login: try vault.openLogin(account)) {
            throw ServiceError.invalid(field: "new", problem)
        }
        account.passwordHash = await hasher.hash(new)
        account.updatedAt = now
        var changes = ChangeSet()
        changes.accountUpdates = [account]
        changes.endedSessions = [.account(id)]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "auth.password-change", subject: id.description, organisation: nil, purpose: "access", at: now)
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
    }

    /// Counts a failure, records it, holds the answer for the growing delay, and throws the one failure answer.
    /// Who an event names when there is no caller yet.
    struct Principal {
        var actor: String
        var role: String
        var requestID: String
    }

    private func fail(
        _ caller: Principal, key: Int64?, subject: String?, address: String?, failures: Int, now: Date
    ) async throws -> Never {
        try await recordFailure(caller, key: key, subject: subject, address: address, now: now)
        try await delayAndFail(afterFailures: failures)
    }

    /// Stores a failed attempt (against the login when it is known) and its audit event.
    private func recordFailure(_ caller: Principal, key: Int64?, subject: String?, address: String?, now: Date)
        async throws
    {
        if let address { addresses.record(address, now: now) }
        var changes = ChangeSet()
        if let key { changes.loginFailures = [LoginFailureRow(key: key, at: now)] }
        changes.auditEvents = [
            AuditTrail.event(
                actor: caller.actor, role: caller.role, requestID: caller.requestID, "auth.sign-in", subject: subject,
                organisation: nil, purpose: "access", at: now, outcome: "failed")
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
    }

    /// Holds the answer to a failed attempt as long as the policy says, then fails it.
    private func delayAndFail(afterFailures failures: Int) async throws -> Never {
        try await sleep(policy.delay(afterFailures: failures + 1))
        throw Self.failure
    }

    private func record(
        _ caller: Principal, outcome: String, subject: String?, now: Date, action: String = "auth.sign-in"
    ) async throws {
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(
                actor: caller.actor, role: caller.role, requestID: caller.requestID, action, subject: subject,
                organisation: nil, purpose: "access", at: now, outcome: outcome)
        ]
        try await store.apply(changes, scope: .service(actor: caller.actor))
    }
}

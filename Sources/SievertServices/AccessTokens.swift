import Crypto
import DoseCore
import Foundation
import SievertStorage

/// API access tokens: 128-bit random secrets shown once, stored only as SHA-256 hashes.
public struct AccessTokens: Sendable {
    let store: any RecordStore
    let clock: @Sendable () -> Date

    /// Issues a token for `role`, bound to one organisation for organisation roles; returns the secret.
    public func issue(
        role: Role, organisationCode: String?, validFor days: Int?, by caller: Caller
    ) async throws -> (id: String, token: String) {
        try requireOperator(caller)
        var organisation: OrganisationID?
        if let organisationCode {
            let code = (try? OrganisationCode(organisationCode).value) ?? organisationCode
            guard let row = try await store.organisation(code: code, scope: caller.scope) else {
                throw ServiceError.notFound("organisation \(code)")
            }
            organisation = row.id
        }
        if role != .rpsAdmin && role != .auditor && organisation == nil {
            throw ServiceError.invalid(field: "org", "an \(role.rawValue) token must be bound to an organisation")
        }
        if let days, !(1...3650).contains(days) {
            throw ServiceError.invalid(field: "days", "must be between 1 and 3650")
        }
        let secret = Self.randomSecret()
        let now = clock()
        let id = "tok_" + Self.hex(Array(SHA256.hash(data: Array(secret.utf8))).prefix(6))
        try await store.insertAccessToken(
            AccessTokenRow(
                hash: Self.hash(secret), id: id, role: role.rawValue, organisationID: organisation, createdAt: now,
                expiresAt: days.map { now.addingTimeInterval(Double($0) * 86_400) }))
        var changes = ChangeSet()
        changes.auditEvents = [
            AuditTrail.event(caller, "token.issue", subject: id, organisation: organisation, purpose: "access", at: now)
        ]
        try await store.apply(changes, scope: caller.scope)
        return (id, secret)
    }

    /// A token as the operator sees it: never the secret.
    public struct TokenView: Codable, Sendable, Hashable {
        public var id: String
        public var role: String
        public var organisation: OrganisationID?
        public var createdAt: Date
        public var expiresAt: Date?
        public var revokedAt: Date?
    }

    /// Every token, newest first.
    public func list(by caller: Caller) async throws -> [TokenView] {
        try requireOperator(caller)
        return try await store.accessTokens().map {
            TokenView(
                id: $0.id, role: $0.role, organisation: $0.organisationID, createdAt: $0.createdAt,
                expiresAt: $0.expiresAt, revokedAt: $0.revokedAt)
        }
    }

    /// Revokes a token at once; revoking a revoked token keeps the first revocation time.
    public func revoke(_ id: String, by caller: Caller) async throws -> TokenView {
        try requireOperator(caller)
        let now = clock()
        var changes = ChangeSet()
        changes.revokedTokens = [(id, now)]
        changes.auditEvents = [
            AuditTrail.event(
                caller, "token.revoke", subject: AccessPolicy.printable(id), organisation: nil, purpose: "access",
                at: now)
        ]
        do {
            try await store.apply(changes, scope: .service(actor: caller.actor))
        } catch let error as StoreError where error.isNotFound {
            throw ServiceError.notFound("token \(AccessPolicy.printable(id))")
        }
        guard let view = try await list(by: caller).first(where: { $0.id == id }) else {
            throw ServiceError.notFound("token")
        }
        return view
    }

    private func requireOperator(_ caller: Caller) throws {
        guard caller.role == .rpsAdmin, caller.organisations == .all else {
            throw ServiceError.forbidden("only the service operator manages tokens")
        }
    }

    /// The caller a presented token stands for, or nil when it is unknown, expired or revoked.
    public func authenticate(_ token: String, requestID: String) async throws -> Caller? {
        // Reject absurd input before hashing; real tokens are 26 characters.
        guard token.utf8.count <= 128,
            let row = try await store.accessToken(hash: Self.hash(token)),
            row.revokedAt == nil, row.expiresAt.map({ $0 > clock() }) ?? true,
            let role = Role(rawValue: row.role)
        else { return nil }
        let organisations: StoreScope.Organisations =
            row.organisationID.map { .only([$0]) } ?? (role == .rpsAdmin ? .all : .only([]))
        return Caller(actor: row.id, role: role, organisations: organisations, requestID: requestID)
    }

    static func hash(_ token: String) -> [UInt8] {
        SecretToken.hash(token)
    }

    static func randomSecret() -> String {
        SecretToken.generate(prefix: "sv_")
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

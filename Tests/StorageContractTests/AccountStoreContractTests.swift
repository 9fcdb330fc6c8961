import DoseCore
import Foundation
import SievertStorage
import SievertTestSupport
import Testing

/// Accounts, sessions and sign-in failures behave the same on both stores.
@Suite("Account store contract")
struct AccountStoreContractTests {
    static func account(login index: Int64, role: String = "auditor", organisations: [OrganisationID] = [])
        -> AccountRow
    {
        let now = RowFixtures.epoch
        return AccountRow(
            id: AccountID(UUID()), loginIndex: index, sealedLogin: RowFixtures.random(40), role: role,
            organisationIDs: organisations, personID: nil, status: .pending, passwordHash: nil, sealedTOTPSecret: nil,
            enrolmentHash: RowFixtures.random(32), enrolmentExpiresAt: now.addingTimeInterval(3600), createdAt: now,
            updatedAt: now)
    }

    @Test(
        "accounts round-trip, are found by login index and enrolment hash, and login indexes are unique",
        arguments: StoreKind.available)
    func accounts(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let (a, b, setup) = RowFixtures.twoTenants()
            try await test.store.apply(setup, scope: .service(actor: "setup"))
            let service = StoreScope.service(actor: "accounts")
            var lead = Self.account(login: 42, role: "org-lead", organisations: [a.id, b.id])
            var changes = ChangeSet()
            changes.newAccounts = [lead]
            // Only the service scope writes accounts.
            await #expect(throws: StoreError.self) {
                try await test.store.apply(changes, scope: .organisation(a.id, actor: "lead"))
            }
            try await test.store.apply(changes, scope: service)
            #expect(try await test.store.account(id: lead.id) == lead)
            #expect(try await test.store.account(loginIndex: 42) == lead)
            #expect(try await test.store.account(enrolmentHash: try #require(lead.enrolmentHash)) == lead)
            #expect(try await test.store.accounts() == [lead])
            var duplicate = ChangeSet()
            duplicate.newAccounts = [Self.account(login: 42)]
            await #expect(throws: StoreError.self) { try await test.store.apply(duplicate, scope: service) }

            lead.status = .active
            lead.passwordHash = "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
            lead.sealedTOTPSecret = RowFixtures.random(50)
            lead.enrolmentHash = nil
            lead.enrolmentExpiresAt = nil
            lead.updatedAt = RowFixtures.epoch.addingTimeInterval(10)
            var update = ChangeSet()
            update.accountUpdates = [lead]
            try await test.store.apply(update, scope: service)
            #expect(try await test.store.account(id: lead.id) == lead)
            var unknown = ChangeSet()
            unknown.accountUpdates = [Self.account(login: 7)]
            await #expect(throws: StoreError.self) { try await test.store.apply(unknown, scope: service) }
        }
    }

    @Test("a TOTP step is claimed once, and never an earlier one after a later", arguments: StoreKind.available)
    func totpSteps(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let account = Self.account(login: 1)
            var changes = ChangeSet()
            changes.newAccounts = [account]
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            #expect(try await test.store.claimTOTPStep(100, account: account.id))
            #expect(!(try await test.store.claimTOTPStep(100, account: account.id)))
            #expect(!(try await test.store.claimTOTPStep(99, account: account.id)))
            #expect(try await test.store.claimTOTPStep(101, account: account.id))
            // Concurrent claims of one step: exactly one wins.
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await test.store.claimTOTPStep(200, account: account.id) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }

    @Test(
        "sessions are stored hashed, touched forward only, and ended one by one or per account",
        arguments: StoreKind.available)
    func sessions(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let account = Self.account(login: 5)
            let start = RowFixtures.epoch
            let first = SessionRow(
                hash: RowFixtures.random(32), accountID: account.id, createdAt: start, lastSeenAt: start,
                expiresAt: start.addingTimeInterval(43_200))
            var second = first
            second.hash = RowFixtures.random(32)
            var changes = ChangeSet()
            changes.newAccounts = [account]
            changes.newSessions = [first, second]
            try await test.store.apply(changes, scope: .service(actor: "setup"))
            #expect(try await test.store.session(hash: first.hash) == first)
            try await test.store.touchSession(hash: first.hash, at: start.addingTimeInterval(120))
            try await test.store.touchSession(hash: first.hash, at: start.addingTimeInterval(60))
            #expect(try await test.store.session(hash: first.hash)?.lastSeenAt == start.addingTimeInterval(120))
            var end = ChangeSet()
            end.endedSessions = [.session(hash: first.hash)]
            try await test.store.apply(end, scope: .service(actor: "x"))
            #expect(try await test.store.session(hash: first.hash) == nil)
            #expect(try await test.store.session(hash: second.hash) != nil)
            end.endedSessions = [.account(account.id)]
            try await test.store.apply(end, scope: .service(actor: "x"))
            #expect(try await test.store.session(hash: second.hash) == nil)
        }
    }

    @Test("sign-in failures are counted per key over the last hour", arguments: StoreKind.available)
    func failures(kind: StoreKind) async throws {
        try await withTestStore(kind) { test in
            let start = RowFixtures.epoch
            var changes = ChangeSet()
            changes.loginFailures = (0..<5).map {
                LoginFailureRow(key: 9, at: start.addingTimeInterval(Double($0) * 600))
            }
            changes.loginFailures.append(LoginFailureRow(key: 10, at: start))
            try await test.store.apply(changes, scope: .service(actor: "x"))
            #expect(try await test.store.loginFailures(key: 9, since: start) == 5)
            #expect(try await test.store.loginFailures(key: 9, since: start.addingTimeInterval(1200)) == 3)
            #expect(try await test.store.loginFailures(key: 10, since: start) == 1)
            #expect(try await test.store.loginFailures(key: 11, since: start) == 0)
        }
    }
}

import DoseCore
import Foundation
import SievertServices
import SievertStorage
import SievertTestSupport
import Testing

@Suite("Two-step sign-in: the password, then the code on a page of its own")
struct TwoStepSignInTests {
    static let console = Caller.console(requestID: "two-step-test")
    static let password = "violet kettles hum at dawn"

    static func admin(_ sievert: Sievert) async throws -> String {
        let created = try await sievert.accounts.createAdmin(login: "ada@rps.example", by: console)
        let enrolment = try await sievert.accounts.enrol(
            token: created.enrolmentToken, password: password, requestID: "r")
        return try #require(enrolment.totpSecret.flatMap(TOTPAuthenticator.secret(fromManualEntryKey:)))
    }

    static func challenge(_ sievert: Sievert) async throws -> String {
        let step = try await sievert.signIn.beginSignIn(
            login: "ada@rps.example", password: password, address: nil, requestID: "r")
        guard case .codeRequired(let challenge) = step else {
            Issue.record("an admin got a session without a code")
            return ""
        }
        return challenge
    }

    @Test("the right code answers the challenge once; the challenge is then spent", arguments: StoreKind.available)
    func answered(kind: StoreKind) async throws {
        let clock = TestClock()
        try await withTestRuntime(kind, clock: clock.closure, sleep: RecordedSleeps().closure) { test in
            let secret = try await Self.admin(test.sievert)
            let challenge = try await Self.challenge(test.sievert)
            #expect(challenge.hasPrefix("ch_"))
            let code = TOTPAuthenticator.code(secret: secret, step: TOTPAuthenticator.step(at: clock.now))
            let session = try await test.sievert.signIn.completeSignIn(
                challenge: challenge, code: code, address: nil, requestID: "r")
            #expect(session.role == .rpsAdmin)
            // The operator's session covers every organisation, as her API tokens do.
            let caller = try #require(
                try await test.sievert.signIn.authenticate(session: session.token, requestID: "r"))
            #expect(caller.organisations == .all)
            _ = try await test.sievert.organisations.register(
                NewOrganisation(code: "ANYORG", name: "Any", kind: "dental"), by: Self.console)
            #expect(try await test.sievert.organisations.list(by: caller).map(\.code) == ["ANYORG"])
            _ = try await test.sievert.accounts.list(by: caller)
            clock.advance(by: 30)
            let next = TOTPAuthenticator.code(secret: secret, step: TOTPAuthenticator.step(at: clock.now))
            await #expect(throws: ServiceError.self) {
                _ = try await test.sievert.signIn.completeSignIn(
                    challenge: challenge, code: next, address: nil, requestID: "r")
            }
        }
    }

    @Test("a wrong password gets no challenge; a wrong code counts as a failed sign-in; three end the challenge")
    func refused() async throws {
        let clock = TestClock()
        try await withTestRuntime(.sqlite, clock: clock.closure, sleep: RecordedSleeps().closure) { test in
            let sievert = test.sievert
            let secret = try await Self.admin(sievert)
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.signIn.beginSignIn(
                    login: "ada@rps.example", password: "not the password", address: nil, requestID: "r")
            }
            let challenge = try await Self.challenge(sievert)
            let mark = try await SignInTests.mark(sievert)
            for _ in 0..<3 {
                do {
                    _ = try await sievert.signIn.completeSignIn(
                        challenge: challenge, code: "000000", address: nil, requestID: "r")
                    Issue.record("a wrong code signed in")
                } catch let error as ServiceError {
                    #expect(error.code == "unauthenticated")
                }
            }
            // The challenge is gone after three wrong codes: even the right code no longer answers it.
            let code = TOTPAuthenticator.code(secret: secret, step: TOTPAuthenticator.step(at: clock.now))
            await #expect(throws: ServiceError.self) {
                _ = try await sievert.signIn.completeSignIn(
                    challenge: challenge, code: code, address: nil, requestID: "r")
            }
            let failed = try await SignInTests.events(sievert, after: mark)
                .filter { $0.action == "auth.sign-in" && $0.outcome == "failed" }
            #expect(failed.count == 4)
            // A fresh challenge and the right code still sign in.
            let again = try await Self.challenge(sievert)
            let session = try await sievert.signIn.completeSignIn(
                challenge: again, code: code, address: nil, requestID: "r")
            #expect(session.role == .rpsAdmin)
        }
    }

    @Test("a challenge lasts five minutes, and a forged one is refused like a wrong password")
    func expiry() async throws {
        let clock = TestClock()
        try await withTestRuntime(.sqlite, clock: clock.closure, sleep: RecordedSleeps().closure) { test in
            let secret = try await Self.admin(test.sievert)
            let challenge = try await Self.challenge(test.sievert)
            clock.advance(by: 5 * 60 + 1)
            let code = TOTPAuthenticator.code(secret: secret, step: TOTPAuthenticator.step(at: clock.now))
            await #expect(throws: ServiceError.self) {
                _ = try await test.sievert.signIn.completeSignIn(
                    challenge: challenge, code: code, address: nil, requestID: "r")
            }
            for forged in ["ch_" + String(repeating: "A", count: 26), "", "ss_x", challenge + "x"] {
                await #expect(throws: ServiceError.self) {
                    _ = try await test.sievert.signIn.completeSignIn(
                        challenge: forged, code: code, address: nil, requestID: "r")
                }
            }
        }
    }

    @Test("a wearer has no second factor: the first step starts her session")
    func wearer() async throws {
        try await withTestRuntime(.sqlite) { test in
            _ = try await test.sievert.organisations.register(
                NewOrganisation(code: "TWO", name: "Two", kind: "dental"), by: Self.console)
            let person = try await test.sievert.people.register(NewPerson(surname: "Owen"), in: "TWO", by: Self.console)
            let created = try await test.sievert.accounts.create(
                NewAccount(login: "owen@two.example", role: "wearer", person: person.id.description), by: Self.console)
            _ = try await test.sievert.accounts.enrol(
                token: created.enrolmentToken, password: Self.password, requestID: "r")
            let step = try await test.sievert.signIn.beginSignIn(
                login: "owen@two.example", password: Self.password, address: nil, requestID: "r")
            guard case .signedIn(let session) = step else {
                Issue.record("a wearer was asked for a code")
                return
            }
            #expect(session.role == .wearer)
        }
    }
}

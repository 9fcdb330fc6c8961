import DoseCore
import Foundation
import SievertServices
import SievertStorage
import Synchronization

/// A clock a test moves by hand, for session timeouts and TOTP steps.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The closure form a runtime takes.
    public var closure: @Sendable () -> Date { { self.now } }
}

/// Records the delays a sign-in service asks for instead of sleeping through them.
public final class RecordedSleeps: Sendable {
    private let delays = Mutex<[Duration]>([])

    public init() {}

    public var all: [Duration] { delays.withLock { $0 } }

    public var closure: @Sendable (Duration) async throws -> Void {
        { duration in self.delays.withLock { $0.append(duration) } }
    }
}

/// An enrolled account: what its holder knows.
public struct EnrolledAccount: Sendable {
    public var id: AccountID
    public var login: String
    public var password: String
    /// The stored TOTP secret (decoded from the manual-entry key enrolment shows).
    public var totpSecret: String?

    /// The TOTP code for the step `date` falls in.
    public func code(at date: Date) -> String? {
        totpSecret.map { TOTPAuthenticator.code(secret: $0, step: TOTPAuthenticator.step(at: date)) }
    }
}

extension Sievert {
    /// Creates and enrols an account (by the console operator unless `by` is given).
    public func enrolledAccount(
        login: String, role: Role, organisations: [String] = [], person: PersonID? = nil,
        password: String = "a long and unusual passphrase 42", by caller: Caller = .console()
    ) async throws -> EnrolledAccount {
        let created = try await accounts.create(
            NewAccount(
                login: login, role: role.rawValue, organisations: organisations.isEmpty ? nil : organisations,
                person: person?.description),
            by: caller)
        let enrolment = try await accounts.enrol(token: created.enrolmentToken, password: password, requestID: "enrol")
        return EnrolledAccount(
            id: created.account.id, login: login, password: password,
            totpSecret: enrolment.totpSecret.flatMap(TOTPAuthenticator.secret(fromManualEntryKey:)))
    }
}

import DoseCore
import Foundation
import SievertStorage
import Synchronization

/// Second-factor challenges between the password page and the code page, in memory only: a challenge is worth
/// nothing but a chance to type a code for one account, so losing them on restart costs a new sign-in, no more.
/// Stored by hash, like sessions; each lasts five minutes and three wrong codes.
final class SignInChallenges: Sendable {
    struct Pending: Sendable {
        var account: AccountID
        var loginKey: Int64
        var expires: Date
        var attemptsLeft: Int
    }

    static let lifetime: TimeInterval = 5 * 60
    static let attempts = 3
    private let pending = Mutex<[[UInt8]: Pending]>([:])
    private let capacity = 10_000

    /// A new challenge for `account`.
    func open(_ account: AccountID, loginKey: Int64, now: Date) -> String {
        let token = SecretToken.generate(prefix: "ch_")
        pending.withLock { table in
            if table.count >= capacity { table = table.filter { $0.value.expires > now } }
            if table.count >= capacity { table.removeAll() }
            table[SecretToken.hash(token)] = Pending(
                account: account, loginKey: loginKey, expires: now.addingTimeInterval(Self.lifetime),
                attemptsLeft: Self.attempts)
        }
        return token
    }

    /// Takes the challenge out (one attempt spent); nil when unknown, malformed or expired.
    func take(_ token: String, now: Date) -> Pending? {
        guard SecretToken.isWellFormed(token, prefix: "ch_") else { return nil }
        return pending.withLock { table in
            guard var entry = table.removeValue(forKey: SecretToken.hash(token)), entry.expires > now else {
                return nil
            }
            entry.attemptsLeft -= 1
            return entry
        }
    }

    /// Puts a challenge back after a wrong code, while it has attempts left.
    func putBack(_ token: String, _ entry: Pending) {
        guard entry.attemptsLeft > 0 else { return }
        pending.withLock { $0[SecretToken.hash(token)] = entry }
    }
}

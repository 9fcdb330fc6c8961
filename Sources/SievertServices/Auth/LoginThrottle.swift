import Foundation
import Synchronization

/// Limits on failed sign-ins (ASVS 5.0 §6.3, DESIGN.md §Security 9).
public struct LoginThrottlePolicy: Sendable {
    /// Failed sign-ins per login name per hour before the name is refused outright (the ceiling: 100).
    public var maxFailuresPerAccount: Int
    /// Failed sign-ins per client address per hour; counted in memory only (an address is personal data).
    public var maxFailuresPerAddress: Int
    /// Failures before answers start to slow down.
    public var freeFailures: Int
    /// The first delay; each further failure doubles it, up to `maximumDelay`.
    public var firstDelay: Duration
    public var maximumDelay: Duration

    public init(
        maxFailuresPerAccount: Int = 100, maxFailuresPerAddress: Int = 300, freeFailures: Int = 3,
        firstDelay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(8)
    ) {
        self.maxFailuresPerAccount = min(maxFailuresPerAccount, 100)
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
    }

    /// How long to hold the answer to a failed attempt, given the failures already counted this hour.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > freeFailures else { return .zero }
        let doublings = min(failures - freeFailures - 1, 20)
        let delay = firstDelay * (1 << doublings)
        return min(delay, maximumDelay)
    }
}

/// Password checks under way per login, in memory. Guesses sent at once would otherwise all read the stored count
/// before any of their failures is recorded (a bcrypt check takes a quarter of a second), and get past the lock
/// together: under load, 128 failures were recorded against a limit of 100. Counting the checks under way with
/// the stored failures keeps the checks of a login within its limit.
///
/// The stored failures are read after the check has started, and a check ends only once its failure is stored: so
/// every earlier check is either still counted here or already in the stored count (a check that ends between the
/// two is in both, which errs towards the lock), and a check is let through only while the two together stay within
/// the limit. Reading the count first let a check that had read it early start after others had stored their
/// failures and ended.
final class LoginChecksInFlight: Sendable {
    private let checks = Mutex<[Int64: Int]>([:])

    /// Starts a check of `key` if fewer than `limit` are under way, and returns how many are, this one included;
    /// nil (start nothing) otherwise.
    func begin(_ key: Int64, limit: Int) -> Int? {
        checks.withLock { table in
            let running = table[key] ?? 0
            guard running < limit else { return nil }
            table[key] = running + 1
            return running + 1
        }
    }

    func end(_ key: Int64) {
        checks.withLock { table in
            let running = (table[key] ?? 1) - 1
            table[key] = running > 0 ? running : nil
        }
    }
}

/// Failed sign-ins per client address over the last hour, in memory, bounded in size.
final class AddressFailures: Sendable {
    private let failures = Mutex<[String: [Date]]>([:])
    private let capacity = 100_000

    func count(_ address: String, now: Date) -> Int {
        failures.withLock { table in
            let recent = (table[address] ?? []).filter { $0 > now.addingTimeInterval(-3600) }
            table[address] = recent.isEmpty ? nil : recent
            return recent.count
        }
    }

    func record(_ address: String, now: Date) {
        failures.withLock { table in
            if table.count >= capacity {
                table = table.filter { $0.value.contains { $0 > now.addingTimeInterval(-3600) } }
                if table.count >= capacity { table.removeAll() }
            }
            table[address, default: []].append(now)
        }
    }
}

import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt
import Synchronization

/// bcrypt through HummingbirdBcrypt, at cost 12 or more, off the cooperative thread pool.
public struct PasswordHasher: Sendable {
    /// bcrypt's work factor; DESIGN.md §Security 9 and the login issue require at least 12.
    public let cost: UInt8
    /// A hash of a random password, verified against when the account is unknown so that an unknown login takes
    /// as long as a wrong password (no enumeration by timing). Made on first need, not at start-up.
    private let decoy = Decoy()
    /// How many bcrypt checks were made, by the cost of the hash checked: what an unknown login and a wrong
    /// password each pay, which their timing follows.
    let checks = Checks()

    public init(cost: UInt8 = 12) {
        self.cost = max(cost, 12)
    }

    public func hash(_ password: String) async -> String {
        let cost = cost
        return await Self.offload { Bcrypt.hash(Self.prepare(password), cost: cost) }
    }

    public func verify(_ password: String, hash: String?) async -> Bool {
        let (cost, decoy, checks) = (cost, decoy, checks)
        let matches = await Self.offload {
            let checked = hash ?? decoy.hash(cost: cost)
            checks.count(checked)
            return Bcrypt.verify(Self.prepare(password), hash: checked)
        }
        return matches && hash != nil
    }

    /// bcrypt checks made, by the cost written in the hash checked (`$2b$12$…`; 0 when it names none).
    final class Checks: Sendable {
        private let byCost = Mutex<[Int: Int]>([:])

        var counts: [Int: Int] { byCost.withLock { $0 } }

        func count(_ hash: String) {
            let cost = Int(hash.split(separator: "$", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
            byCost.withLock { $0[cost, default: 0] += 1 }
        }
    }

    private final class Decoy: Sendable {
        private let value = Mutex<String?>(nil)

        func hash(cost: UInt8) -> String {
            value.withLock { stored in
                if let stored { return stored }
                let made = Bcrypt.hash(PasswordHasher.prepare(SecretToken.generate(prefix: "decoy_")), cost: cost)
                stored = made
                return made
            }
        }
    }

    // bcrypt reads only the first 72 bytes of its input, and a 256-character password can be far longer; hashing
    // it first with SHA-256 (base64, 44 bytes, no NUL) keeps every character significant.
    static func prepare(_ password: String) -> String {
        Data(SHA256.hash(data: Array(password.utf8))).base64EncodedString()
    }

    /// How many bcrypt computations run at once: one fewer than the cores, one at least.
    static let lanes = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    /// The most bcrypt computations seen running at once in this process.
    static var mostAtOnce: Int { running.withLock { $0.most } }

    private static let running = Mutex((now: 0, most: 0))

    // A bcrypt at cost 12 takes about a quarter of a second of CPU, and the cooperative pool has one thread per
    // core, so it runs off the pool; and in at most `lanes` at once, so that a brute-force loop keeping dozens of
    // guesses in flight (each refused only after its check) leaves a core to every other request. A sign-in during
    // such an attack waits for a lane instead.
    private static let queue: OperationQueue = {
        let queue = OperationQueue()
        queue.name = "sievert.bcrypt"
        queue.maxConcurrentOperationCount = lanes
        return queue
    }()

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.addOperation {
                running.withLock {
                    $0.now += 1; $0.most = max($0.most, $0.now)
                }
                let result = work()
                running.withLock { $0.now -= 1 }
                continuation.resume(returning: result)
            }
        }
    }
}

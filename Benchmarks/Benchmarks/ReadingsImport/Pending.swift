import Synchronization

/// A setup's result kept for its teardown, which Benchmark calls without it.
final class Pending<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// Keeps `value` and returns it, for a setup closure to hand on.
    func hold(_ value: Value) -> Value {
        self.value.withLock { $0 = value }
        return value
    }

    /// The kept value, once.
    func take() -> Value? {
        value.withLock { held in
            defer { held = nil }
            return held
        }
    }
}

import Foundation

/// Runs blocking work (file and pipe I/O, SQLite's backup API, waiting for a child process) on a thread of its own,
/// so it never holds one of the few threads of Swift's cooperative pool while it waits.
public enum BlockingIO {
    /// The result of `body`, run on a new thread.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}

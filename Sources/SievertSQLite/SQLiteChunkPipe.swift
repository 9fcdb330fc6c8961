import Foundation

/// Hands change-set chunks from an async producer to GRDB's writer, which runs a synchronous closure on its own
/// thread inside the transaction and so cannot `await` the next chunk.
///
/// The producer suspends (never blocks a thread) while `capacity` chunks wait; the writer blocks its own thread
/// until a chunk, the end or a failure arrives. Either side may stop the other: the writer by `close()` (the
/// producer's next `put` returns false), the producer by `finish(throwing:)` (the writer's `take` rethrows).
final class SQLiteChunkPipe<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [Element] = []
    /// A chunk that found the buffer full, with its producer waiting to hear whether it was taken.
    private var pending: (element: Element, producer: CheckedContinuation<Bool, Never>)?
    private var finished = false
    private var failure: (any Error)?
    private var closed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `element`, suspending while the pipe is full; false once the writer has closed the pipe.
    func put(_ element: Element) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            condition.lock()
            if closed {
                condition.unlock()
                continuation.resume(returning: false)
            } else if buffer.count < capacity {
                buffer.append(element)
                condition.signal()
                condition.unlock()
                continuation.resume(returning: true)
            } else {
                pending = (element, continuation)
                condition.unlock()
            }
        }
    }

    /// No more chunks: the writer's next `take` returns nil, or throws `error` when given.
    func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.signal()
        condition.unlock()
    }

    /// The next chunk, blocking the calling thread until one is there; nil at the end.
    func take() throws -> Element? {
        condition.lock()
        while buffer.isEmpty && pending == nil && !finished { condition.wait() }
        if let failure {
            condition.unlock()
            throw failure
        }
        guard !buffer.isEmpty || pending != nil else {
            condition.unlock()
            return nil
        }
        var waiting: CheckedContinuation<Bool, Never>?
        if let (element, producer) = pending {
            buffer.append(element)
            pending = nil
            waiting = producer
        }
        let element = buffer.removeFirst()
        condition.unlock()
        waiting?.resume(returning: true)
        return element
    }

    /// The writer stops taking: queued chunks are dropped and a waiting or later `put` returns false.
    func close() {
        condition.lock()
        closed = true
        buffer.removeAll()
        let waiting = pending?.producer
        pending = nil
        condition.unlock()
        waiting?.resume(returning: false)
    }
}

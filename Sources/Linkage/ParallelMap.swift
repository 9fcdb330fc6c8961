import Dispatch

/// Runs independent work on several threads and keeps the results in input order, so the outcome never depends
/// on the number of threads or their timing.
enum ParallelMap {
    /// `transform(0) … transform(count − 1)`, computed in chunks on up to `threads` threads.
    static func map<T: Sendable>(
        count: Int, threads: Int, chunkSize: Int = 4096, _ transform: @escaping @Sendable (Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let chunks = (count + chunkSize - 1) / chunkSize
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let first = buffer.baseAddress else { return }
            let base = SendablePointer(first)
            let work: @Sendable (Int) -> Void = { chunk in
                let start = chunk * chunkSize
                for index in start..<min(count, start + chunkSize) {
                    (base.pointer + index).initialize(to: transform(index))
                }
            }
            if threads > 1 && chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else {
                for chunk in 0..<chunks { work(chunk) }
            }
            initialized = count
        }
    }
}

/// Memory whose disjoint slots are written by different threads, each slot by one thread only.
struct SendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}

import Foundation

/// The kernel's random bits, read 64 KiB at a time from `/dev/urandom` and handed out a word at a time: for the
/// millions of identifiers a lab file makes.
///
/// `SystemRandomNumberGenerator` (and swift-crypto, which draws through it) asks the kernel for every 8 bytes: one
/// `getrandom` call per word, two per identifier, an eighth of a file import's first phase. The bytes are the same
/// kernel generator's either way. Where `/dev/urandom` cannot be read, each word comes from the system generator.
struct BulkRandom: RandomNumberGenerator {
    private var words: [UInt64] = []
    private var position = 0
    private let refillWords: Int

    init(refillWords: Int = 8_192) {
        self.refillWords = max(1, refillWords)
    }

    mutating func next() -> UInt64 {
        if position == words.count {
            refill()
        }
        defer { position += 1 }
        return words[position]
    }

    private mutating func refill() {
        let bytes = Self.urandom(count: refillWords * 8)
        words = [UInt64](repeating: 0, count: refillWords)
        if let bytes, bytes.count == refillWords * 8 {
            words.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
        } else {
            var system = SystemRandomNumberGenerator()
            for index in words.indices { words[index] = system.next() }
        }
        position = 0
    }

    /// `count` bytes from `/dev/urandom`, or nil when it cannot be read whole.
    private static func urandom(count: Int) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: "/dev/urandom") else { return nil }
        defer { try? handle.close() }
        return try? handle.read(upToCount: count)
    }
}

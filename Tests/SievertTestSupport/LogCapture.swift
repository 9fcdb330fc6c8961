import Logging
import Synchronization

/// A log handler that keeps every line (message and metadata) in memory, for scanning.
public final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// A logger at `level` that writes here.
    public func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "sievert.capture") { label in Handler(label: label, capture: self) }
        logger.logLevel = level
        return logger
    }

    /// Everything logged so far, one line per entry.
    public var text: String { lines.withLock { $0.joined(separator: "\n") } }
    public var count: Int { lines.withLock { $0.count } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            let level = event.level
            let message = event.message
            capture.append("\(level) \(label) \(message) \(all.sorted { $0.key < $1.key }.map { "\($0)=\($1)" })")
        }
    }
}

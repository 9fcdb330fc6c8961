import Foundation

/// Runs a program found on PATH and collects its standard output and exit status.
public enum ProcessRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var output: [UInt8]
        public var error: [UInt8]

        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: error, as: UTF8.self) }
    }

    /// Runs `program` (a path, or a name looked up on PATH) with `arguments`, optional standard input and
    /// environment additions, and waits for it on a thread of its own. Every test runs at once on a cooperative pool
    /// of one thread per core: a test blocking a pool thread for as long as a child process runs would stall every
    /// other test, and the live HTTP tests' servers with them, until their clients time out.
    public static func run(
        _ program: String, _ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:],
        currentDirectory: String? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Swift.Result {
                        try runWaiting(
                            program, arguments, input: input, environment: environment,
                            currentDirectory: currentDirectory)
                    })
            }
        }
    }

    private static func runWaiting(
        _ program: String, _ arguments: [String], input: [UInt8]?, environment: [String: String],
        currentDirectory: String?
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let outputData = OutputCollector(output.fileHandleForReading)
        let errorData = OutputCollector(error.fileHandleForReading)
        if let input { stdin.fileHandleForWriting.write(Data(input)) }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: outputData.wait(), error: errorData.wait())
    }

    private final class OutputCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> [UInt8] {
            done.wait()
            return Array(data)
        }
    }
}

import Foundation
import SievertStorage

/// A PostgreSQL client program (`pg_dump`, `pg_restore`) run as a child process. The connection comes only from the
/// environment: the password in `PGPASSWORD`, never on a command line, where any user of the machine could read it.
struct PostgresTool: Sendable {
    let name: String
    let executable: String
    let arguments: [String]
    let environment: [String: String]

    /// The program for a server of major version `serverMajor`: Debian's build of that major when installed
    /// (`postgresql-client-15` puts it in `/usr/lib/postgresql/15/bin`), else the first on `PATH`.
    init(_ name: String, serverMajor: Int, url: PostgresURL, arguments: [String]) {
        self.name = name
        let debian = "/usr/lib/postgresql/\(serverMajor)/bin/\(name)"
        if FileManager.default.isExecutableFile(atPath: debian) {
            executable = debian
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            executable =
                path.split(separator: ":").map { "\($0)/\(name)" }
                .first { FileManager.default.isExecutableFile(atPath: $0) } ?? name
        }
        self.arguments = arguments + ["--no-password"]
        self.environment = Self.environment(url)
    }

    /// The process environment without Sievert's own settings (which hold database URLs with passwords), and the
    /// connection and session settings in libpq's variables. The owner role is bound by row-level security too
    /// (`FORCE`), so the session asks to see every organisation, as the service scope does.
    static func environment(_ url: PostgresURL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SIEVERT_") }
        environment["PGHOST"] = url.host
        environment["PGPORT"] = String(url.port)
        environment["PGUSER"] = url.username
        environment["PGDATABASE"] = url.database ?? url.username
        environment["PGPASSWORD"] = url.password
        environment["PGOPTIONS"] = "-c sievert.all_organisations=on"
        environment["PGAPPNAME"] = "sievert-backup"
        return environment
    }

    /// Runs the program; `output` reads its standard output (a descriptor) to the end, or `input` writes its
    /// standard input and returns. A failed program's exit status and last lines of standard error are the error;
    /// when `output` or `input` fails first, the program is stopped.
    func run(
        output: (@Sendable (Int32) throws -> Void)? = nil, input: (@Sendable (Int32) throws -> Void)? = nil
    ) async throws {
        try await BlockingIO.run { try runBlocking(output: output, input: input) }
    }

    private func runBlocking(
        output: (@Sendable (Int32) throws -> Void)?, input: (@Sendable (Int32) throws -> Void)?
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let outputPipe = Pipe()
        let inputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = output == nil ? FileHandle.nullDevice : outputPipe
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        process.standardError = errorPipe
        do {
            try process.run()
        } catch {
            throw PostgresToolError(
                tool: name, status: nil, message: "cannot run \(executable): install the PostgreSQL client programs")
        }
        let errors = TailCollector(errorPipe.fileHandleForReading)
        var failure: (any Error)?
        do {
            if let output { try output(outputPipe.fileHandleForReading.fileDescriptor) }
            if let input {
                try input(inputPipe.fileHandleForWriting.fileDescriptor)
                try inputPipe.fileHandleForWriting.close()
            }
        } catch {
            failure = error
            process.terminate()
            try? inputPipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        let message = errors.wait()
        // A program that failed by itself explains why better than the broken pipe its failure caused here.
        if process.terminationReason == .exit && process.terminationStatus != 0 {
            throw PostgresToolError(tool: name, status: process.terminationStatus, message: message)
        }
        if let failure { throw failure }
        guard process.terminationStatus == 0 else {
            throw PostgresToolError(tool: name, status: process.terminationStatus, message: message)
        }
    }

    /// Reads a stream to its end on its own thread, keeping its last 4 KiB.
    private final class TailCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                while let chunk = try? handle.read(upToCount: 65_536), !chunk.isEmpty {
                    data.append(chunk)
                    if data.count > 8192 { data = data.suffix(4096) }
                }
                done.signal()
            }
        }

        func wait() -> String {
            done.wait()
            let lines = String(decoding: data.suffix(4096), as: UTF8.self).split(separator: "\n").suffix(6)
            return lines.joined(separator: " | ")
        }
    }
}

/// A PostgreSQL client program failed; the message is the end of what it wrote to standard error (libpq and the
/// server name objects and settings there, never a password).
public struct PostgresToolError: Error, Sendable, CustomStringConvertible {
    public let tool: String
    public let status: Int32?
    public let message: String

    public var description: String {
        "\(tool) failed\(status.map { " (exit status \($0))" } ?? ""): \(message)"
    }
}

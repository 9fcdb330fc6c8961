import Foundation
import Testing

/// A real SMTP server for the live tests: Python's aiosmtpd running `Tests/Fixtures/smtp-sink.py` on a free
/// port of 127.0.0.1, writing every message it accepts to a temporary directory.
struct SMTPSink {
    /// A Python 3 that can import aiosmtpd, or nil.
    static let python: String? = {
        // Debian's python3-aiosmtpd installs for the system Python, which another python3 earlier on PATH (a
        // version manager's) does not see: both are tried.
        let candidates = ["python3", "/usr/bin/python3"]
        return candidates.first { run($0, ["-c", "import aiosmtpd"]) }
    }()

    /// `SIEVERT_REQUIRE_SMTP_SINK=1`: the live tests fail, not skip, when aiosmtpd is missing.
    static let required = ProcessInfo.processInfo.environment["SIEVERT_REQUIRE_SMTP_SINK"] == "1"

    /// Whether the live tests run: aiosmtpd is there, or it is required (and its absence then fails them).
    static let enabled = python != nil || required

    /// The trait every live test carries; its comment is the reason shown when the test is skipped.
    static let trait: ConditionTrait = .enabled(
        if: enabled,
        "aiosmtpd is not installed (apt-get install python3-aiosmtpd); SIEVERT_REQUIRE_SMTP_SINK=1 makes this fail")

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    let port: Int
    let directory: URL

    /// Starts a sink with the script's `options`, runs `body`, then stops the sink and removes its files.
    static func with<T>(_ options: [String] = [], _ body: (SMTPSink) async throws -> T) async throws -> T {
        guard let python else { throw SinkUnavailable() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sievert-smtp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [python, fixtures.appendingPathComponent("smtp-sink.py").path, directory.path] + options
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            // SIGTERM ends it now; its standard input closing ends it too should this test process die first.
            process.terminate()
            process.waitUntilExit()
            try? input.fileHandleForWriting.close()
        }
        let port = try readPort(output.fileHandleForReading)
        return try await body(SMTPSink(port: port, directory: directory))
    }

    /// The messages accepted so far, in order.
    func received() throws -> [ReceivedMessage] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try files.map {
            try JSONDecoder().decode(ReceivedMessage.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }

    // The sink prints `PORT n` once it listens; end of file first means it failed to start (its error is on
    // standard error, which the test run shows).
    private static func readPort(_ handle: FileHandle) throws -> Int {
        var line: [UInt8] = []
        while !line.contains(0x0A) {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw SinkUnavailable(reason: "the SMTP sink exited before listening") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            throw SinkUnavailable(reason: "the SMTP sink printed \(text)")
        }
        return port
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }
}

/// What the sink recorded for one message.
struct ReceivedMessage: Decodable {
    let mailFrom: String
    let mailOptions: [String]
    let rcptTos: [String]
    let ehlo: String?
    let tls: Bool
    let authLogin: String?
    let content: String

    enum CodingKeys: String, CodingKey {
        case mailFrom = "mail_from"
        case mailOptions = "mail_options"
        case rcptTos = "rcpt_tos"
        case ehlo, tls
        case authLogin = "auth_login"
        case content
    }

    /// The message as received, after the server undid dot-stuffing.
    var text: String { String(decoding: Data(base64Encoded: content) ?? Data(), as: UTF8.self) }

    /// The header block, unfolded, as name (lower case) and value.
    var headers: [String: String] {
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        var fields: [String: String] = [:]
        var last: String?
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let last {
                fields[last, default: ""] += line
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                fields[name] = String(line[line.index(after: colon)...].drop(while: { $0 == " " }))
                last = name
            }
        }
        return fields
    }

    /// Everything after the blank line that ends the header.
    var body: String {
        guard let range = text.range(of: "\r\n\r\n") else { return "" }
        return String(text[range.upperBound...])
    }
}

/// The live tests could not start the sink.
struct SinkUnavailable: Error, CustomStringConvertible {
    var reason =
        "SIEVERT_REQUIRE_SMTP_SINK=1 but no python3 here can import aiosmtpd (apt-get install python3-aiosmtpd)"
    var description: String { reason }
}

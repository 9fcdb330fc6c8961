import Foundation

@testable import QRCode

/// Reference data written by scripts/qr-fixtures from segno 1.6.6, an independent encoder.
enum Fixtures {
    /// One whole symbol produced by segno, with the parameters it chose.
    struct Case: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let text: String
        let correction: String
        let version: Int
        let mask: Int

        var description: String { name }
    }

    /// A symbol whose text is exactly as long as its version holds at its level, summarised by a hash.
    struct Boundary: Sendable, CustomStringConvertible {
        let correction: String
        let version: Int
        let length: Int
        let mask: Int
        let fingerprint: String

        var description: String { "\(correction) v\(version)" }
    }

    enum LoadError: Error {
        case missing(String)
        case malformed(String)
    }

    static func cases() throws -> [Case] {
        try JSONDecoder().decode([Case].self, from: Data(contentsOf: url(for: "cases.json")))
    }

    static func boundaries() throws -> [Boundary] {
        let text = try String(contentsOf: url(for: "boundaries.txt"), encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 5, let version = Int(fields[1]), let length = Int(fields[2]),
                let mask = Int(fields[3])
            else {
                throw LoadError.malformed(String(line))
            }
            return Boundary(
                correction: fields[0], version: version, length: length, mask: mask, fingerprint: fields[4])
        }
    }

    /// The rows of a segno matrix, `true` for dark.
    static func matrix(named name: String) throws -> [[Bool]] {
        let text = try String(contentsOf: url(for: "\(name).txt"), encoding: .utf8)
        return text.split(separator: "\n").map { row in row.map { $0 == "1" } }
    }

    /// The text the generator used for capacity boundaries (its `cycled` function).
    static func cycled(length: Int, offset: Int) -> String {
        let sentence = Array("Sievert keeps personal dose records in mSv; TOTP enrolment 0123456789. ")
        return String((0..<length).map { sentence[(offset + $0) % sentence.count] })
    }

    private static func url(for file: String) throws -> URL {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw LoadError.missing("Fixtures")
        }
        return directory.appendingPathComponent(file)
    }
}

extension ErrorCorrection {
    /// The level named as in the fixture files.
    init(fixtureName: String) throws {
        switch fixtureName {
        case "low": self = .low
        case "medium": self = .medium
        case "quartile": self = .quartile
        case "high": self = .high
        default: throw Fixtures.LoadError.malformed(fixtureName)
        }
    }
}

import DoseCore
import Foundation

/// The lines of a passbook file, checked for size, encoding and control characters up front, and read in order
/// by key.
struct PassbookLines {
    private let lines: [ArraySlice<UInt8>]
    private var index = 0

    /// Splits `bytes` into lines; ``PassbookError`` names the first line that is too long, holds a control
    /// character (NUL, tab, carriage return…) or invalid UTF-8, or the missing final newline.
    init(_ bytes: [UInt8]) throws(PassbookError) {
        let newline = UInt8(ascii: "\n")
        guard bytes.count <= SignedPassbook.maximumBytes else {
            throw .malformed(
                line: bytes.count { $0 == newline } + 1,
                reason: "the file is larger than \(SignedPassbook.maximumBytes) bytes")
        }
        guard !bytes.isEmpty else { throw .malformed(line: 1, reason: "the file is empty") }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == newline {
            lines.append(try Self.checked(bytes[start..<offset], line: lines.count + 1))
            start = offset + 1
        }
        if start < bytes.count {
            _ = try Self.checked(bytes[start...], line: lines.count + 1)
            throw .malformed(line: lines.count + 1, reason: "the last line has no newline (the file is cut short?)")
        }
        self.lines = lines
    }

    private static func checked(_ line: ArraySlice<UInt8>, line number: Int) throws(PassbookError)
        -> ArraySlice<UInt8>
    {
        guard line.count <= SignedPassbook.maximumLineBytes else {
            throw .malformed(line: number, reason: "longer than \(SignedPassbook.maximumLineBytes) bytes")
        }
        if let control = line.first(where: { $0 < 0x20 || $0 == 0x7F }) {
            let hex = String(control, radix: 16)
            throw .malformed(
                line: number, reason: "control character 0x\(hex.count == 1 ? "0" : "")\(hex) (only printable text)")
        }
        guard String(validating: line, as: UTF8.self) != nil else {
            throw .malformed(line: number, reason: "not valid UTF-8")
        }
        return line
    }

    /// The 1-based number of the next line.
    var lineNumber: Int { index + 1 }

    /// True when every line has been read.
    var isAtEnd: Bool { index == lines.count }

    /// The next line, consumed; `nil` at the end.
    mutating func take() -> ArraySlice<UInt8>? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return lines[index]
    }

    /// Whether the next line starts with `prefix`.
    func peek(startsWith prefix: String) -> Bool {
        index < lines.count && lines[index].starts(with: prefix.utf8)
    }

    /// Consumes one empty line.
    mutating func blank() throws(PassbookError) {
        let number = lineNumber
        guard let line = take() else {
            throw .malformed(line: number, reason: "the file ends before the seal (the file is cut short?)")
        }
        guard line.isEmpty else { throw .malformed(line: number, reason: "expected a blank line between records") }
    }

    /// The value of the next line, which must be `key`, one space and a value that `parse` accepts; otherwise
    /// ``PassbookError`` says which key was expected or what the value must be (`rule`), never the value itself.
    mutating func value<Value>(
        _ key: String, _ rule: String, _ parse: (ArraySlice<UInt8>) -> Value?
    ) throws(PassbookError) -> Value {
        let number = lineNumber
        guard let line = take() else {
            throw .malformed(line: number, reason: "the file ends before '\(key)' (the file is cut short?)")
        }
        let prefix = Array(key.utf8) + [UInt8(ascii: " ")]
        guard !line.elementsEqual(key.utf8) else { throw .malformed(line: number, reason: "'\(key)' has no value") }
        guard line.starts(with: prefix) else {
            let found = line.prefix { $0 != UInt8(ascii: " ") }
            let shown = found.isEmpty ? "a blank line" : "'\(String(decoding: found.prefix(32), as: UTF8.self))'"
            throw .malformed(line: number, reason: "expected '\(key)', found \(shown)")
        }
        guard let value = parse(line.dropFirst(prefix.count)) else {
            throw .malformed(line: number, reason: "\(key): must be \(rule)")
        }
        return value
    }

    /// A free-text value under the rules of ``PassbookText``.
    mutating func text(_ key: String) throws(PassbookError) -> String {
        let number = lineNumber
        let text = try value(key, "text") { String(decoding: $0, as: UTF8.self) }
        do {
            try PassbookText.check(text, field: key)
        } catch {
            throw .malformed(line: number, reason: error.description)
        }
        return text
    }

    /// `signature <key ID: 8 lowercase hex digits> <canonical base64 of 64 bytes>`.
    mutating func signature() throws(PassbookError) -> PassbookSignature {
        try value("signature", "a key ID of 8 lowercase hex digits, a space and base64 of 64 bytes") { value in
            let parts = value.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 8, parts[1].count == 88 else { return nil }
            var keyID: UInt32 = 0
            for digit in parts[0] {
                guard let nibble = PassbookHash.nibble(digit) else { return nil }
                keyID = keyID << 4 | UInt32(nibble)
            }
            let text = String(decoding: parts[1], as: UTF8.self)
            // Canonical only: re-encoding must give the same characters, so a signature has one spelling.
            guard let data = Data(base64Encoded: text), data.count == 64, data.base64EncodedString() == text else {
                return nil
            }
            return PassbookSignature(keyID: keyID, bytes: Array(data))
        }
    }
}

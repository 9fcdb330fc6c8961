import NIOCore

/// Reads SMTP replies from bytes as they arrive: multi-line replies (`250-…` then `250 …`), CRLF or bare LF
/// line endings, and limits on line length and line count so that a hostile server cannot make it buffer
/// without end.
struct SMTPReplyParser {
    // RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; real servers stay well within four times that.
    static let maximumLineLength = 2_048
    // An EHLO reply lists one extension per line; a few dozen is a lot.
    static let maximumLines = 100

    private var code: Int?
    private var lines: [String] = []

    /// Whether lines of a multi-line reply have been read and its last line has not.
    var isMidReply: Bool { code != nil }

    /// The next whole reply in `buffer`, consuming its bytes; nil when more bytes are needed.
    mutating func next(from buffer: inout ByteBuffer) throws(SMTPError) -> SMTPReply? {
        while true {
            let view = buffer.readableBytesView
            guard let newline = view.firstIndex(of: 0x0A) else {
                if view.count > Self.maximumLineLength { throw .malformedReply("a reply line is too long") }
                return nil
            }
            var end = newline
            if end > view.startIndex && view[end - 1] == 0x0D { end -= 1 }
            guard end - view.startIndex <= Self.maximumLineLength else {
                throw .malformedReply("a reply line is too long")
            }
            let line = Array(view[view.startIndex..<end])
            buffer.moveReaderIndex(forwardBy: newline + 1 - view.startIndex)
            if let reply = try take(line) { return reply }
        }
    }

    // One line: `ddd-text` continues the reply, `ddd text` or `ddd` ends it.
    private mutating func take(_ bytes: [UInt8]) throws(SMTPError) -> SMTPReply? {
        guard bytes.count >= 3, bytes[0..<3].allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .malformedReply("a reply line does not start with a three-digit code")
        }
        let lineCode = bytes[0..<3].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (200...599).contains(lineCode) else { throw .malformedReply("a reply code is outside 200–599") }
        if let code, code != lineCode { throw .malformedReply("the lines of a reply carry different codes") }
        let isLast: Bool
        switch bytes.count > 3 ? bytes[3] : UInt8(ascii: " ") {
        case UInt8(ascii: " "): isLast = true
        case UInt8(ascii: "-"): isLast = false
        default: throw .malformedReply("a reply code is not followed by a space or a hyphen")
        }
        code = lineCode
        lines.append(Self.text(bytes.dropFirst(4)))
        guard lines.count <= Self.maximumLines else { throw .malformedReply("a reply has too many lines") }
        guard isLast else { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        code = nil
        lines = []
        return reply
    }

    // Server text ends up in errors and logs: control characters are replaced so it cannot forge log lines.
    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        return String(
            String.UnicodeScalarView(
                decoded.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\u{FFFD}" : $0 }
            ))
    }
}

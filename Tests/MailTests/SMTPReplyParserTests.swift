import NIOCore
import Testing

@testable import Mail

@Suite("SMTP reply parsing")
struct SMTPReplyParserTests {
    /// Every reply in `text`, fed in chunks of `chunk` bytes as a slow network would deliver them.
    static func replies(_ text: String, chunk: Int = .max) throws -> (replies: [SMTPReply], leftover: Int) {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer()
        var replies: [SMTPReply] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + min(chunk, bytes.count))
            buffer.writeBytes(bytes[offset..<end])
            offset = end
            while let reply = try parser.next(from: &buffer) { replies.append(reply) }
        }
        return (replies, buffer.readableBytes)
    }

    @Test("a one-line reply gives its code and text")
    func singleLine() throws {
        let (replies, leftover) = try Self.replies("220 sink.test ESMTP ready\r\n")
        #expect(replies == [SMTPReply(code: 220, lines: ["sink.test ESMTP ready"])])
        #expect(leftover == 0)
    }

    @Test("a multi-line reply is one reply, whole only at its last line, however the bytes are split")
    func multiLine() throws {
        let text = "250-sink.test\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 STARTTLS\r\n"
        for chunk in [1, 2, 7, 1_000] {
            let (replies, _) = try Self.replies(text, chunk: chunk)
            #expect(
                replies == [SMTPReply(code: 250, lines: ["sink.test", "8BITMIME", "AUTH PLAIN LOGIN", "STARTTLS"])])
        }
        let extensions = SMTPExtensions(ehloReply: try #require(try Self.replies(text).replies.first))
        #expect(extensions.contains("STARTTLS") && extensions.contains("8BITMIME") && !extensions.contains("SINK.TEST"))
        #expect(extensions.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test("the old AUTH=… form of the extension is understood")
    func oldAuthForm() throws {
        let reply = try #require(try Self.replies("250-sink.test\r\n250-AUTH=LOGIN\r\n250 SIZE 1000\r\n").replies.first)
        #expect(SMTPExtensions(ehloReply: reply).authMechanisms == ["LOGIN"])
    }

    @Test("bare LF line endings, a code without text, and two replies in one read are all accepted")
    func tolerated() throws {
        let (replies, leftover) = try Self.replies("250 ok\n354\r\n221 bye\r\n250 partial")
        #expect(replies.map(\.code) == [250, 354, 221])
        #expect(replies[1].lines == [""])
        #expect(leftover == "250 partial".utf8.count)
    }

    @Test(
        "a line that is not an SMTP reply line is refused",
        arguments: [
            "hello\r\n", "25\r\n", "2500 x\r\n", "250x\r\n", "abc ok\r\n", "199 too low\r\n", "600 too high\r\n",
            "250-first\r\n251 other code\r\n", "\r\n",
        ].map(Shown.init))
    func malformed(_ text: Shown) {
        let error = #expect(throws: SMTPError.self) { try Self.replies(text.value) }
        #expect(error?.kind == .malformedReply)
    }

    @Test("a reply line longer than 2,048 bytes is refused before its end arrives")
    func hugeLine() {
        let error = #expect(throws: SMTPError.self) {
            try Self.replies("250 " + String(repeating: "x", count: 100_000), chunk: 4_096)
        }
        #expect(error?.kind == .malformedReply)
        #expect(throws: SMTPError.self) { try Self.replies("250 " + String(repeating: "x", count: 3_000) + "\r\n") }
    }

    @Test("a reply with more than 100 lines is refused")
    func tooManyLines() {
        let error = #expect(throws: SMTPError.self) {
            try Self.replies(String(repeating: "250-more\r\n", count: 10_000) + "250 end\r\n", chunk: 512)
        }
        #expect(error?.kind == .malformedReply)
    }

    @Test("control characters and invalid UTF-8 in the server's text are replaced, so it cannot forge log lines")
    func sanitisesText() throws {
        var buffer = ByteBuffer(bytes: Array("550 no\u{1B}[31m such\u{85} user ".utf8) + [0xFF, 0x0D, 0x0A])
        var parser = SMTPReplyParser()
        let reply = try #require(try parser.next(from: &buffer))
        #expect(reply.text == "no\u{FFFD}[31m such\u{FFFD} user \u{FFFD}")
    }
}

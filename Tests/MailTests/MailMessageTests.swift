import Foundation
import Testing

@testable import Mail

@Suite("Mail messages and their RFC 5322 rendering")
struct MailMessageTests {
    // 2026-03-04 05:06:07 UTC, a Wednesday.
    static let date = Date(timeIntervalSince1970: 1_772_600_767)
    static let messageID = "<0f1e2d3c@example.org>"

    static func message(subject: String = "Dose alert", body: String = "Hello.\n", to: [String] = ["lead@example.org"])
        throws -> MailMessage
    {
        try MailMessage(from: "alerts@example.org", to: to, subject: subject, body: body)
    }

    @Test("a message renders the required headers, a blank line and the body, all with CRLF line endings")
    func rendersHeaders() throws {
        let text = try Self.message(to: ["lead@example.org", "deputy@example.org"])
            .rendered(date: Self.date, messageID: Self.messageID)
        #expect(
            text == """
                Date: Wed, 04 Mar 2026 05:06:07 +0000\r
                From: alerts@example.org\r
                To: lead@example.org, deputy@example.org\r
                Subject: Dose alert\r
                Message-ID: <0f1e2d3c@example.org>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: 8bit\r
                \r
                Hello.\r

                """)
        // No bare LF or CR anywhere.
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        for (index, byte) in bytes.enumerated() where byte == 0x0D {
            #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A)
        }
    }

    @Test("dates render in RFC 5322 form in UTC, including leap days and dates before 1970")
    func dates() {
        #expect(MailMessage.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailMessage.rfc5322Date(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(MailMessage.rfc5322Date(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(
            MailMessage.rfc5322Date(Date(timeIntervalSince1970: 4_102_444_799)) == "Thu, 31 Dec 2099 23:59:59 +0000")
    }

    @Test("LF, CR and CRLF line endings in the body all become CRLF")
    func normalisesLineEndings() throws {
        let text = try Self.message(body: "one\ntwo\rthree\r\nfour").rendered(
            date: Self.date, messageID: Self.messageID)
        #expect(text.hasSuffix("\r\n\r\none\r\ntwo\r\nthree\r\nfour\r\n"))
    }

    @Test("lines starting with a dot are dot-stuffed for DATA, and the data ends with a lone dot")
    func dotStuffing() {
        let stuffed = SMTPCommand.dotStuffed(".leading\r\nmiddle . dot\r\n.\r\n..two\r\nend\r\n")
        #expect(String(decoding: stuffed, as: UTF8.self) == "..leading\r\nmiddle . dot\r\n..\r\n...two\r\nend\r\n.\r\n")
        #expect(String(decoding: SMTPCommand.dotStuffed("no newline"), as: UTF8.self) == "no newline\r\n.\r\n")
    }

    @Test(
        "a body line that is only a dot cannot end the DATA early",
        arguments: [".", ".\r\n", "a\n.\nb", "\n.\n"].map(Shown.init))
    func loneDotInBody(_ body: Shown) throws {
        let text = try Self.message(body: body.value).rendered(date: Self.date, messageID: Self.messageID)
        let stuffed = String(decoding: SMTPCommand.dotStuffed(text), as: UTF8.self)
        // The terminator appears once, at the very end.
        #expect(stuffed.components(separatedBy: "\r\n.\r\n").count == 2)
        #expect(stuffed.hasSuffix("\r\n.\r\n"))
    }

    @Test(
        "a CR, LF or other control character in the subject is refused (header injection)",
        arguments: [
            "Alert\r\nBcc: victim@example.org", "Alert\nBcc: victim@example.org", "Alert\rX", "Alert\0", "Tab\there",
            "Next\u{85}line", "Del\u{7F}",
        ].map(Shown.init))
    func refusesHeaderInjection(_ subject: Shown) {
        #expect(throws: MailMessageError.invalidSubject) { try Self.message(subject: subject.value) }
    }

    @Test(
        "an address that is not a plain local@domain is refused",
        arguments: [
            "", "lead", "lead@", "@example.org", "lead@@example.org", "a@b@example.org", "Lead <lead@example.org>",
            "lead@example.org\r\nRCPT TO:<x@example.org>", "lead@example.org>", "<lead@example.org>",
            "\"lead\"@example.org", "lead.@example.org", ".lead@example.org", "le..ad@example.org",
            "lead@example..org", "lead@-example.org", "lead@example.org.", "lead@[127.0.0.1]", "léad@example.org",
            "lead@exämple.org", "lead @example.org", "lead@example.org ", "lead@exa_mple.org",
            String(repeating: "a", count: 65) + "@example.org", "lead@" + String(repeating: "a", count: 64) + ".org",
            String(repeating: "a", count: 10_000) + "@example.org",
        ].map(Shown.init))
    func refusesBadAddresses(_ address: Shown) {
        #expect(throws: MailMessageError.invalidAddress) { try MailAddress(address.value) }
    }

    @Test("plain addresses are accepted, with the domain in lower case")
    func acceptsPlainAddresses() throws {
        #expect(try MailAddress("Lead.Person+rps@Example.ORG").value == "Lead.Person+rps@example.org")
        #expect(try MailAddress("o'brien@example.org").value == "o'brien@example.org")
        #expect(try MailAddress("alerts@localhost").domain == "localhost")
    }

    @Test("a message needs between 1 and 100 recipients")
    func recipientCount() throws {
        #expect(throws: MailMessageError.noRecipients) { try Self.message(to: []) }
        let many = (0...MailMessage.maximumRecipients).map { "r\($0)@example.org" }
        #expect(throws: MailMessageError.tooManyRecipients) { try Self.message(to: many) }
        #expect(try Self.message(to: Array(many.dropLast())).to.count == 100)
    }

    @Test("a non-ASCII subject is sent as RFC 2047 encoded-words of whole characters that decode back to it")
    func encodesNonASCIISubject() throws {
        let subject = "Dosis überschritten – Ŵyn Ĵones ☢ " + String(repeating: "é", count: 60)
        let field = MailMessage.subjectField(subject)
        let lines = field.components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 && $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(Self.decodeEncodedWords(field) == subject)
    }

    @Test("a long ASCII subject is folded into encoded-words; a short one is sent as it is")
    func longASCIISubject() throws {
        let long = String(repeating: "Investigation level reached ", count: 20)
        let field = MailMessage.subjectField(long)
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(Self.decodeEncodedWords(field) == long)
        #expect(MailMessage.subjectField("Dose alert") == "Subject: Dose alert")
        // Text that a mail reader would take for an encoded-word is encoded itself.
        #expect(Self.decodeEncodedWords(MailMessage.subjectField("=?utf-8?B?SGk=?=")) == "=?utf-8?B?SGk=?=")
    }

    @Test("a body with a line over 998 octets is sent quoted-printable within 76-character lines")
    func longLines() throws {
        let body = String(repeating: "0123456789 ", count: 200) + "end \n.second line="
        let message = try Self.message(body: body)
        let text = message.rendered(date: Self.date, messageID: Self.messageID)
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        let encoded = try #require(text.components(separatedBy: "\r\n\r\n").last)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(Self.decodeQuotedPrintable(encoded) == body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }

    @Test("a non-ASCII body is 8bit when the relay takes 8BITMIME and quoted-printable when it does not")
    func eightBitBody() throws {
        let body = "Wearer Ŵyn: 1.2 mSv ≥ investigation level.  \nSecond line"
        let message = try Self.message(body: body)
        let eight = message.rendered(date: Self.date, messageID: Self.messageID, eightBitMIME: true)
        #expect(eight.contains("Content-Transfer-Encoding: 8bit\r\n"))
        #expect(eight.hasSuffix("\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"))
        #expect(message.needsEightBitMIME(eightBitMIME: true))

        let seven = message.rendered(date: Self.date, messageID: Self.messageID, eightBitMIME: false)
        #expect(seven.contains("Content-Transfer-Encoding: quoted-printable\r\n"))
        #expect(seven.utf8.allSatisfy { $0 < 0x80 })
        let encoded = try #require(seven.components(separatedBy: "\r\n\r\n").last)
        // Trailing spaces are encoded, so no relay can strip them.
        #expect(encoded.contains(" =20\r\n"))
        #expect(Self.decodeQuotedPrintable(encoded) == body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        #expect(!message.needsEightBitMIME(eightBitMIME: false))
        #expect(try !Self.message(body: "ASCII only").needsEightBitMIME(eightBitMIME: true))
    }

    @Test("a NUL in the body forces quoted-printable")
    func nulInBody() throws {
        let text = try Self.message(body: "a\0b").rendered(date: Self.date, messageID: Self.messageID)
        #expect(text.hasSuffix("Content-Transfer-Encoding: quoted-printable\r\n\r\na=00b\r\n"))
    }

    @Test("many recipients fold the To header within 78-character lines")
    func foldsRecipients() throws {
        let recipients = (1...12).map { "organisation-lead-\($0)@example.org" }
        let text = try Self.message(to: recipients).rendered(date: Self.date, messageID: Self.messageID)
        let header = try #require(text.components(separatedBy: "\r\n\r\n").first)
        #expect(header.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let to = try #require(header.range(of: "To:"))
        let unfolded = header[to.upperBound...].prefix { $0 != "S" }.replacingOccurrences(of: "\r\n", with: "")
        #expect(unfolded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } == recipients)
    }

    @Test("message ids are unique and at the sender's domain")
    func messageIDs() throws {
        let message = try Self.message()
        let ids = Set((0..<100).map { _ in message.makeMessageID() })
        #expect(ids.count == 100)
        #expect(ids.allSatisfy { $0.hasPrefix("<") && $0.hasSuffix("@example.org>") })
    }

    @Test("a body over 1 MiB is refused")
    func largeBody() {
        #expect(throws: MailMessageError.bodyTooLarge) {
            try Self.message(body: String(repeating: "x", count: MailMessage.maximumBodyBytes + 1))
        }
    }

    // An independent reading of what a mail client would show: `=?utf-8?B?…?=` words, whitespace between
    // adjacent words dropped (RFC 2047 §6.2).
    static func decodeEncodedWords(_ field: String) -> String {
        let value = field.hasPrefix("Subject: ") ? String(field.dropFirst(9)) : field
        var bytes: [UInt8] = []
        for word in value.components(separatedBy: "\r\n ") {
            guard word.hasPrefix("=?utf-8?B?"), word.hasSuffix("?="),
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
            else { return value }
            bytes += data
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let byte = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One thing the client writes, all of which the relay answers with exactly one reply.
struct SMTPCommand: Sendable {
    /// The command's name for errors and timeouts; never its argument, which may be an address or a secret.
    let name: String
    let bytes: [UInt8]
    /// STARTTLS: a 220 reply to it switches the connection to TLS before anything else is read.
    let startsTLS: Bool

    private init(_ name: String, line: String, startsTLS: Bool = false) {
        self.name = name
        self.bytes = Array((line + "\r\n").utf8)
        self.startsTLS = startsTLS
    }

    private init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        self.startsTLS = false
    }

    // The client name and addresses are checked before they get here (`clientName`, `MailAddress`), so no
    // argument can carry a line break into the command stream.
    static func ehlo(_ clientName: String) -> SMTPCommand { SMTPCommand("EHLO", line: "EHLO \(clientName)") }
    static func helo(_ clientName: String) -> SMTPCommand { SMTPCommand("HELO", line: "HELO \(clientName)") }
    static let startTLS = SMTPCommand("STARTTLS", line: "STARTTLS", startsTLS: true)
    static func authPlain(_ initialResponse: String) -> SMTPCommand {
        SMTPCommand("AUTH PLAIN", line: "AUTH PLAIN \(initialResponse)")
    }
    static let authLogin = SMTPCommand("AUTH LOGIN", line: "AUTH LOGIN")
    static func authResponse(_ base64: String) -> SMTPCommand { SMTPCommand("AUTH LOGIN", line: base64) }
    static func mailFrom(_ address: MailAddress, eightBitMIME: Bool) -> SMTPCommand {
        SMTPCommand("MAIL FROM", line: "MAIL FROM:<\(address.value)>" + (eightBitMIME ? " BODY=8BITMIME" : ""))
    }
    static func rcptTo(_ address: MailAddress) -> SMTPCommand {
        SMTPCommand("RCPT TO", line: "RCPT TO:<\(address.value)>")
    }
    static let data = SMTPCommand("DATA", line: "DATA")
    /// The message, dot-stuffed and ended with `CRLF.CRLF`.
    static func content(_ rendered: String) -> SMTPCommand {
        SMTPCommand(name: "the end of the message data", bytes: dotStuffed(rendered))
    }
    static let quit = SMTPCommand("QUIT", line: "QUIT")

    /// RFC 5321 §4.5.2: a `.` is added before every line that starts with `.`, and the data is ended with a line
    /// holding only `.`. `text` has CRLF line endings and ends with CRLF.
    static func dotStuffed(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 64)
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart && byte == UInt8(ascii: ".") { bytes.append(byte) }
            bytes.append(byte)
            atLineStart = byte == 0x0A
        }
        if !atLineStart { bytes += [0x0D, 0x0A] }
        bytes += Array(".\r\n".utf8)
        return bytes
    }
}

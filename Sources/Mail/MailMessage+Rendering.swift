import Foundation

extension MailMessage {
    /// How the body travels.
    enum TransferEncoding: String, Sendable {
        /// As UTF-8 text, lines at most 998 octets (RFC 6152 8BITMIME for non-ASCII text).
        case eightBit = "8bit"
        /// RFC 2045 §6.7: ASCII only, lines at most 76 characters.
        case quotedPrintable = "quoted-printable"
    }

    /// The message as RFC 5322 text with CRLF line endings: `Date`, `From`, `To`, `Subject` (an RFC 2047
    /// encoded-word when not plain ASCII or too long), `Message-ID`, MIME headers, a blank line and the body.
    ///
    /// - Parameters:
    ///   - messageID: the `Message-ID` value, with its angle brackets.
    ///   - eightBitMIME: whether the relay accepts 8-bit text (it announced `8BITMIME`); without it a non-ASCII
    ///     body is sent quoted-printable.
    public func rendered(date: Date, messageID: String, eightBitMIME: Bool = true) -> String {
        let encoding = transferEncoding(eightBitMIME: eightBitMIME)
        var text = ""
        text += "Date: \(Self.rfc5322Date(date))\r\n"
        text += "From: \(from.value)\r\n"
        text += Self.folded(name: "To", items: to.map(\.value)) + "\r\n"
        text += Self.subjectField(subject) + "\r\n"
        text += "Message-ID: \(messageID)\r\n"
        text += "MIME-Version: 1.0\r\n"
        text += "Content-Type: text/plain; charset=utf-8\r\n"
        text += "Content-Transfer-Encoding: \(encoding.rawValue)\r\n"
        text += "\r\n"
        let lines = Self.bodyLines(body)
        switch encoding {
        case .eightBit:
            for line in lines { text += String(decoding: line, as: UTF8.self) + "\r\n" }
        case .quotedPrintable:
            for line in lines { text += Self.quotedPrintable(line) + "\r\n" }
        }
        return text
    }

    /// A new `Message-ID` value: a random UUID at the sender's domain.
    func makeMessageID() -> String {
        "<\(UUID().uuidString.lowercased())@\(from.domain)>"
    }

    /// 8bit when every line fits SMTP's 998-octet limit, there is no NUL, and the text is ASCII or the relay
    /// takes 8-bit text; quoted-printable otherwise.
    func transferEncoding(eightBitMIME: Bool) -> TransferEncoding {
        let lines = Self.bodyLines(body)
        let fits = lines.allSatisfy { $0.count <= 998 && !$0.contains(0) }
        let ascii = body.utf8.allSatisfy { $0 < 0x80 }
        return fits && (ascii || eightBitMIME) ? .eightBit : .quotedPrintable
    }

    /// Whether the body, sent as ``transferEncoding(eightBitMIME:)``, needs the relay's 8BITMIME (`BODY=8BITMIME`).
    func needsEightBitMIME(eightBitMIME: Bool) -> Bool {
        transferEncoding(eightBitMIME: eightBitMIME) == .eightBit && !body.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The body's lines as UTF-8, split at CRLF, LF or CR; a final line ending adds no empty line.
    static func bodyLines(_ body: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var previousWasCR = false
        for byte in body.utf8 {
            switch byte {
            case 0x0D:
                lines.append(line)
                line = []
                previousWasCR = true
                continue
            case 0x0A:
                if !previousWasCR {
                    lines.append(line)
                    line = []
                }
            default:
                line.append(byte)
            }
            previousWasCR = false
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// RFC 2045 §6.7 quoted-printable of one line: soft line breaks keep every output line within 76 characters,
    /// and trailing spaces and tabs are encoded so that no relay strips them.
    static func quotedPrintable(_ line: [UInt8]) -> String {
        var output = ""
        var length = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let literal =
                ((33...126).contains(byte) && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
            if length + token.count > 75 {
                output += "=\r\n"
                length = 0
            }
            output += token
            length += token.count
        }
        return output
    }

    /// The `Subject` field: as it is when it is printable ASCII that fits a 78-character line and cannot be read
    /// as an encoded-word; otherwise RFC 2047 `=?utf-8?B?…?=` words of whole characters, one per folded line.
    static func subjectField(_ subject: String) -> String {
        let plain =
            subject.utf8.allSatisfy { (0x20...0x7E).contains($0) } && !subject.contains("=?")
            && "Subject: ".count + subject.utf8.count <= 78
        if plain { return "Subject: " + subject }
        // 42 bytes make 56 base64 characters: a 68-character word, 77 with "Subject: " in front.
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in subject.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 42 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return "Subject: " + words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// `Name: a, b, c`, folded before an item that would take the line past 78 characters.
    static func folded(name: String, items: [String]) -> String {
        var text = name + ":"
        var lineLength = text.count
        for (index, item) in items.enumerated() {
            let separator = index == items.count - 1 ? "" : ","
            if index > 0 && lineLength + 1 + item.count + separator.count > 78 {
                text += "\r\n"
                lineLength = 0
            }
            text += " " + item + separator
            lineLength += 1 + item.count + separator.count
        }
        return text
    }

    /// RFC 5322 §3.3 date-time in UTC, e.g. `Thu, 01 Jan 2026 09:30:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        // 1970-01-01 was a Thursday.
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(year) "
            + "\(pad(secondOfDay / 3_600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60)) +0000"
    }

    // Howard Hinnant's civil_from_days: proleptic Gregorian calendar, exact for any day count.
    private static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension ContactDetails {
    /// The longest email address accepted (RFC 5321's path limit).
    public static let maximumEmailLength = 254
    /// The longest address accepted, in characters.
    public static let maximumAddressLength = 300

    /// Trims `raw` and checks it looks like an email address: one `@`, a non-empty local part, a domain
    /// with a dot and no empty labels, at most 254 bytes, no spaces or control characters. The domain is
    /// lower-cased (it is case-insensitive); the local part is kept as written.
    public static func normaliseEmail(_ raw: String) throws(ValidationError) -> String {
        let email = raw.trimmingWhitespace()
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "email", reason: reason) }
        guard !email.isEmpty else { throw fail("must not be empty") }
        guard email.utf8.count <= maximumEmailLength else {
            throw fail("an email address has at most \(maximumEmailLength) characters")
        }
        guard !email.containsControlCharacters, !email.unicodeScalars.contains(where: \.isWhitespace)
        else { throw fail("an email address must not contain spaces or control characters") }
        // '@' and '.' are ASCII and never part of a multi-byte UTF-8 sequence, so bytes are enough here.
        let bytes = Array(email.utf8)
        let ats = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
        guard ats.count == 1, let at = ats.first else { throw fail("an email address has exactly one @") }
        guard at > 0 else { throw fail("an email address needs a name before the @") }
        guard at <= 64 else { throw fail("the part before the @ has at most 64 characters") }
        let domainBytes = bytes[(at + 1)...]
        let labels = domainBytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else {
            throw fail("an email address needs a domain such as example.org after the @")
        }
        let local = String(decoding: bytes[..<at], as: UTF8.self)
        let domain = String(decoding: domainBytes, as: UTF8.self).lowercased()
        return "\(local)@\(domain)"
    }

    /// Trims `raw` and collapses spaces; refuses control characters; accepts digits, spaces, `-`, `(`, `)`
    /// and a leading `+`, with 6–20 digits in all.
    public static func normalisePhone(_ raw: String) throws(ValidationError) -> String {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "phone", reason: reason) }
        guard !raw.containsControlCharacters else {
            throw fail("a telephone number must not contain control characters such as tabs or line breaks")
        }
        let phone = raw.collapsingWhitespace()
        guard !phone.isEmpty else { throw fail("must not be empty") }
        guard phone.utf8.count <= 40 else { throw fail("a telephone number has at most 20 digits") }
        var digits = 0
        for (offset, byte) in phone.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"): break
            case UInt8(ascii: "+") where offset == 0: break
            default:
                throw fail("a telephone number may only contain digits, spaces, '-', '(', ')' and a leading '+'")
            }
        }
        guard (6...20).contains(digits) else { throw fail("a telephone number has 6 to 20 digits") }
        return phone
    }

    /// Trims `raw`, puts each line break as ", ", collapses other whitespace, and checks the result is at
    /// most 300 characters with no control characters.
    public static func normaliseAddress(_ raw: String) throws(ValidationError) -> String {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "address", reason: reason) }
        // Line breaks are how addresses arrive from forms and spreadsheets, so they become separators
        // rather than errors; any other control character is refused.
        // CR and LF are ASCII, so splitting the bytes splits the lines without touching other text.
        let lines = raw.utf8.split(omittingEmptySubsequences: true) { $0 == 0x0A || $0 == 0x0D }
            .map { String(decoding: $0, as: UTF8.self).collapsingWhitespace() }
            .filter { !$0.isEmpty }
        var address = lines.first ?? ""
        for line in lines.dropFirst() {
            address += address.hasSuffix(",") ? " " : ", "
            address += line
        }
        guard !address.isEmpty else { throw fail("must not be empty") }
        guard !address.containsControlCharacters else { throw fail("must not contain control characters") }
        guard address.count <= maximumAddressLength else {
            throw fail("an address has at most \(maximumAddressLength) characters")
        }
        return address
    }

    /// Upper-cases `raw`, removes spaces and checks the UK postcode shape (`A9`, `A99`, `AA9`, `AA99`,
    /// `A9A` or `AA9A`, then a digit and two letters, with Royal Mail's letter rules), returning it with
    /// one space before the inward code, e.g. `cf14 2tl` → `CF14 2TL`.
    public static func normalisePostcode(_ raw: String) throws(ValidationError) -> String {
        let fail = ValidationError(
            field: "postcode", reason: "must be a UK postcode such as CF14 2TL")
        guard raw.utf8.count <= 16 else { throw fail }
        var bytes: [UInt8] = []
        for byte in raw.utf8 where byte != UInt8(ascii: " ") {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            default: throw fail
            }
        }
        guard (5...7).contains(bytes.count) else { throw fail }
        let outward = Array(bytes.dropLast(3))
        let inward = Array(bytes.suffix(3))
        let isGiro = outward == Array("GIR".utf8) && inward == Array("0AA".utf8)
        guard isGiro || (PostcodeRules.isValidInward(inward) && PostcodeRules.isValidOutward(outward)) else {
            throw fail
        }
        return String(decoding: outward, as: UTF8.self) + " " + String(decoding: inward, as: UTF8.self)
    }
}

// Royal Mail's published letter rules for each position of a postcode.
private enum PostcodeRules {
    static let firstLetters = Set("ABCDEFGHIJKLMNOPRSTUWYZ".utf8)  // not Q, V, X
    static let secondLetters = Set("ABCDEFGHKLMNOPQRSTUVWXY".utf8)  // not I, J, Z
    static let thirdLetters = Set("ABCDEFGHJKPSTUW".utf8)  // A9A
    static let fourthLetters = Set("ABEHMNPRVWXY".utf8)  // AA9A
    static let inwardLetters = Set("ABDEFGHJLNPQRSTUWXYZ".utf8)  // not C, I, K, M, O, V

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isValidInward(_ inward: [UInt8]) -> Bool {
        inward.count == 3 && isDigit(inward[0]) && inwardLetters.contains(inward[1])
            && inwardLetters.contains(inward[2])
    }

    static func isValidOutward(_ outward: [UInt8]) -> Bool {
        guard let first = outward.first, firstLetters.contains(first) else { return false }
        let rest = Array(outward.dropFirst())
        switch rest.count {
        case 1:  // A9
            return isDigit(rest[0])
        case 2:
            // A99, A9A or AA9
            if isDigit(rest[0]) {
                return isDigit(rest[1]) || thirdLetters.contains(rest[1])
            }
            return secondLetters.contains(rest[0]) && isDigit(rest[1])
        case 3:
            // AA99 or AA9A
            return secondLetters.contains(rest[0]) && isDigit(rest[1])
                && (isDigit(rest[2]) || fourthLetters.contains(rest[2]))
        default:
            return false
        }
    }
}

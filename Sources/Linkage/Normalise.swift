/// Normalisers for identifiers and contact details. Each returns the comparison form, or `nil` when nothing
/// usable is left; none of them judges whether a value is a placeholder (see ``DummyDetector``).
public enum Normalise {
    /// Upper case letters and digits only; `nil` unless 8 or 9 remain (a NINO with or without its suffix).
    /// `"ab 12 34 56 c"` → `"AB123456C"`.
    public static func nino(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let kept = upperAlphanumerics(raw)
        return (8...9).contains(kept.count) ? String(decoding: kept, as: UTF8.self) : nil
    }

    /// Upper case letters and digits only; `nil` when fewer than 2 remain. `"cf14 2tl"` → `"CF142TL"`.
    public static func postcode(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let kept = upperAlphanumerics(raw)
        return kept.count >= 2 ? String(decoding: kept, as: UTF8.self) : nil
    }

    /// The outward code (area and district) of a normalised UK-shaped postcode: all but the inward digit and two
    /// letters. `"CF142TL"` → `"CF14"`; `nil` for a postcode not of the UK shape.
    public static func postcodeOutward(_ postcode: String) -> String? {
        let bytes = Array(postcode.utf8)
        guard (5...7).contains(bytes.count) else { return nil }
        let inward = bytes.suffix(3)
        let outward = bytes.dropLast(3)
        guard isDigit(inward[inward.startIndex]), inward.dropFirst().allSatisfy(isLetter),
            let first = outward.first, isLetter(first), outward.contains(where: isDigit)
        else { return nil }
        return String(decoding: outward, as: UTF8.self)
    }

    /// Trimmed and lower-cased (the local part is case-insensitive in practice); `nil` without exactly one `@`
    /// and a dot after it.
    public static func email(_ raw: String?) -> String? {
        guard let raw else { return nil }
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            // Checked as bytes: splitting a String at "@" breaks it into characters first, which made this the
            // costliest normaliser of a cleanse.
            let bytes = raw.utf8.compactMap { byte -> UInt8? in
                switch byte {
                case 9...13, 32: nil
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                default: byte
                }
            }
            let at = UInt8(ascii: "@")
            let dot = UInt8(ascii: ".")
            guard let split = bytes.firstIndex(of: at), split > 0, !bytes[(split + 1)...].contains(at) else {
                return nil
            }
            let domain = bytes[(split + 1)...]
            guard domain.contains(dot), domain.first != dot, domain.last != dot else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        let text = raw.filter { !$0.isWhitespace }.lowercased()
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return nil }
        return text
    }

    /// The digits of a telephone number in UK national form (`+44 29 2061 5888` → `02920615888`); `nil` when
    /// fewer than 6 digits.
    public static func phone(_ raw: String?) -> String? {
        guard let raw else { return nil }
        var digits = Array(raw.utf8.filter(isDigit))
        if digits.starts(with: Array("0044".utf8)) { digits.removeFirst(2) }
        if digits.count == 12, digits.starts(with: Array("44".utf8)) {
            digits = [UInt8(ascii: "0")] + digits.dropFirst(2)
        }
        return digits.count >= 6 ? String(decoding: digits, as: UTF8.self) : nil
    }

    /// Folded letters and digits without spaces; leading zeros of an all-digit number dropped (`"000123"` →
    /// `"123"`), since spreadsheets drop them anyway.
    public static func staffNumber(_ raw: String?) -> String? {
        guard let raw else { return nil }
        var kept = Array(TextFolding.fold(raw).utf8.filter { $0 != UInt8(ascii: " ") })
        if kept.allSatisfy(isDigit) {
            while kept.count > 1, kept.first == UInt8(ascii: "0") { kept.removeFirst() }
        }
        return kept.isEmpty ? nil : String(decoding: kept, as: UTF8.self)
    }

    /// Folded address words with the common street abbreviations written out (`"12 High St."` →
    /// `"12 high street"`); `nil` when nothing is left.
    public static func address(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let folded = TextFolding.fold(raw)
        guard !folded.isEmpty else { return nil }
        // Word by word as bytes, and only words as short as an abbreviation looked up: most words are kept as
        // they are, so they need no String of their own.
        var output: [UInt8] = []
        output.reserveCapacity(folded.utf8.count + 8)
        for word in folded.utf8.split(separator: UInt8(ascii: " ")) {
            if !output.isEmpty { output.append(UInt8(ascii: " ")) }
            if word.count <= longestAbbreviation, let full = abbreviations[String(decoding: word, as: UTF8.self)] {
                output.append(contentsOf: full.utf8)
            } else {
                output.append(contentsOf: word)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let longestAbbreviation = abbreviations.keys.map(\.utf8.count).max() ?? 0

    /// The sex as `F`, `M` or `X`; `nil` for unknown or unrecognised values.
    public static func sex(_ raw: String?) -> String? {
        switch TextFolding.fold(raw ?? "") {
        case "f", "female", "woman", "w": return "F"
        case "m", "male", "man": return "M"
        case "x", "other", "indeterminate": return "X"
        default: return nil
        }
    }

    // Royal Mail's common street-type abbreviations; Christen ("Data Matching", §3.4) standardises these
    // before comparison so "Rd" and "Road" agree.
    static let abbreviations: [String: String] = [
        "rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue", "ln": "lane",
        "dr": "drive", "cl": "close", "ct": "court", "crt": "court", "cres": "crescent", "cresc": "crescent",
        "pl": "place", "sq": "square", "gdns": "gardens", "gro": "grove", "gr": "grove", "tce": "terrace",
        "terr": "terrace", "pk": "park", "hse": "house", "flt": "flat", "apt": "flat", "apartment": "flat",
        "nth": "north", "sth": "south", "mt": "mount", "wy": "way", "bldgs": "buildings", "est": "estate",
    ]

    private static func upperAlphanumerics(_ raw: String) -> [UInt8] {
        var kept: [UInt8] = []
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): kept.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept.append(byte)
            default: continue
            }
        }
        return kept
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
}

/// Folds free text to the form every comparison in this library works on: lower case, accents removed,
/// punctuation as single spaces, apostrophes dropped, no leading or trailing space.
///
/// Folding is Unicode-aware without Foundation: a Latin letter with marks is reduced to its base letter through
/// its Unicode name (`LATIN SMALL LETTER A WITH CIRCUMFLEX` → `a`), ligatures expand (`æ` → `ae`, `ß` → `ss`),
/// combining marks are dropped. Other scripts are lower-cased and kept.
public enum TextFolding {
    /// `"  Siân  O’Brien-Smith "` → `"sian obrien smith"`.
    public static func fold(_ text: String) -> String {
        if let folded = text.utf8.withContiguousStorageIfAvailable(foldASCII), let folded { return folded }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace, !output.isEmpty { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            output.append(byte)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch asciiClass(byte) {
                case .keep(let folded): emit(folded)
                case .drop: continue
                case .space: pendingSpace = true
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                switch asciiClass(UInt8(scalar.value)) {
                case .keep(let folded): emit(folded)
                case .drop: continue
                case .space: pendingSpace = true
                }
                continue
            }
            switch foldScalar(scalar) {
            case .drop: continue
            case .space: pendingSpace = true
            case .text(let folded): for byte in folded.utf8 { emit(byte) }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    // The common case, ASCII text, straight into the new string's storage; nil when any byte is not ASCII.
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                switch asciiClass(byte) {
                case .keep(let folded):
                    if pendingSpace, count > 0 {
                        output[count] = UInt8(ascii: " ")
                        count += 1
                    }
                    pendingSpace = false
                    output[count] = folded
                    count += 1
                case .drop: continue
                case .space: pendingSpace = true
                }
            }
            return count
        }
    }

    /// The folded words of `text`.
    public static func tokens(_ text: String) -> [String] {
        fold(text).utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    }

    private enum ASCIIClass { case keep(UInt8), drop, space }

    private static func asciiClass(_ byte: UInt8) -> ASCIIClass {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return .keep(byte + 32)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .keep(byte)
        // O'Brien and D'Arcy are written with and without the apostrophe; dropping it makes both one word.
        case UInt8(ascii: "'"), UInt8(ascii: "`"): return .drop
        default: return .space
        }
    }

    private enum ScalarFold { case text(String), drop, space }

    private static let apostrophes: Set<UInt32> = [0x2018, 0x2019, 0x02BC, 0x00B4, 0x02B9]
    // Base words of Latin letters whose name is not a single base letter.
    private static let specialBases: [String: String] = [
        "SHARP S": "ss", "THORN": "th", "ETH": "d", "DOTLESS I": "i", "DOTLESS J": "j", "LONG S": "s",
        "AE": "ae", "OE": "oe", "IJ": "ij", "ENG": "n", "KRA": "k",
    ]

    private static func foldScalar(_ scalar: Unicode.Scalar) -> ScalarFold {
        if apostrophes.contains(scalar.value) { return .drop }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return .drop
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter,
            .decimalNumber:
            break
        default: return .space
        }
        if let base = latinBase(properties.name) { return .text(base) }
        return .text(properties.lowercaseMapping)
    }

    // "LATIN CAPITAL LETTER O WITH STROKE" → "o"; "LATIN SMALL LIGATURE OE" → "oe".
    private static func latinBase(_ name: String?) -> String? {
        guard let name, name.hasPrefix("LATIN ") else { return nil }
        let words = name.split(separator: " ")
        guard let marker = words.firstIndex(where: { $0 == "LETTER" || $0 == "LIGATURE" }) else { return nil }
        let rest = words[(marker + 1)...]
        let baseWords = rest.prefix { $0 != "WITH" }
        let base = baseWords.joined(separator: " ")
        if baseWords.count == 1, base.utf8.count == 1 { return base.lowercased() }
        return specialBases[base]
    }
}

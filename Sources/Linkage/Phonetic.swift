/// Phonetic codes for blocking: names that sound alike get the same code, so a misspelt surname still lands
/// in the block of the right one (Christen, "Data Matching", §4.3).
public enum Phonetic {
    /// American Soundex (Russell and Odell; the US National Archives rules): the first letter, then up to three
    /// digits for the following consonant classes, `H` and `W` not separating equal codes. `"Robert"` → `R163`.
    /// Empty when `name` has no letter a–z after folding.
    public static func soundex(_ name: String) -> String {
        let letters = Array(TextFolding.fold(name).utf8.filter { (97...122).contains($0) })
        return soundex(letters: letters)
    }

    /// A Soundex of `name` after rewriting the beginnings that sound like another letter (`PH`→`F`, `KN`→`N`,
    /// `WR`→`R`, `GN`→`N`, `PS`→`S`, `WH`→`W`, `MAC`→`MC`, hard `C`→`K`), so `Phillips` and `Fillips`,
    /// `Carter` and `Karter` share a code, as metaphone-style keys would.
    public static func code(_ name: String) -> String {
        code(folded: TextFolding.fold(name))
    }

    static func code(folded: String) -> String {
        var letters = Array(folded.utf8.filter { (97...122).contains($0) })
        let rewrites: [(String, String)] = [
            ("mac", "mc"), ("ph", "f"), ("kn", "n"), ("wr", "r"), ("gn", "n"), ("ps", "s"), ("wh", "w"),
            ("ca", "ka"), ("co", "ko"), ("cu", "ku"), ("cl", "kl"), ("cr", "kr"), ("ck", "k"), ("z", "s"),
        ]
        for (from, to) in rewrites where letters.starts(with: from.utf8) {
            letters = Array(to.utf8) + letters.dropFirst(from.utf8.count)
            break
        }
        return soundex(letters: letters)
    }

    private static func digit(_ letter: UInt8) -> UInt8 {
        switch letter {
        case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "p"), UInt8(ascii: "v"): return 1
        case UInt8(ascii: "c"), UInt8(ascii: "g"), UInt8(ascii: "j"), UInt8(ascii: "k"), UInt8(ascii: "q"),
            UInt8(ascii: "s"), UInt8(ascii: "x"), UInt8(ascii: "z"):
            return 2
        case UInt8(ascii: "d"), UInt8(ascii: "t"): return 3
        case UInt8(ascii: "l"): return 4
        case UInt8(ascii: "m"), UInt8(ascii: "n"): return 5
        case UInt8(ascii: "r"): return 6
        case UInt8(ascii: "h"), UInt8(ascii: "w"): return 9  // transparent
        default: return 0  // vowels and y separate equal codes
        }
    }

    private static func soundex(letters: [UInt8]) -> String {
        guard let first = letters.first else { return "" }
        var output: [UInt8] = [first - 32]
        var last = digit(first)
        for letter in letters.dropFirst() {
            let code = digit(letter)
            if code == 9 { continue }
            if code != 0, code != last {
                output.append(UInt8(ascii: "0") + code)
                if output.count == 4 { break }
            }
            last = code
        }
        while output.count < 4 { output.append(UInt8(ascii: "0")) }
        return String(decoding: output, as: UTF8.self)
    }
}

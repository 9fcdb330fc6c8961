/// Field comparators: each takes two normalised values and returns an ``AgreementLevel``.
///
/// Thresholds follow Winkler's practice for names (Jaro–Winkler ≥ 0.92 "close", ≥ 0.80 "partial"; Winkler 1990,
/// and Christen, "Data Matching", §5.2) and Christen's date comparison (§5.5).
public enum Comparators {
    /// Given names (folded): exact; equivalent when nicknames of one another (``Nicknames``); close when
    /// Jaro–Winkler ≥ 0.92; partial when ≥ 0.80 or one is the other's initial; else different.
    public static func forename(_ a: String, _ b: String) -> AgreementLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        if a == b { return .exact }
        if Nicknames.areEquivalent(a, b) { return .equivalent }
        return forenameSimilarity(Array(a.utf8), Array(b.utf8))
    }

    static func forenameSimilarity(_ a: [UInt8], _ b: [UInt8]) -> AgreementLevel {
        let similarity = JaroWinkler.similarity(bytes: a, b)
        if similarity >= 0.92 { return .close }
        if similarity >= 0.80 { return .partial }
        if a.count == 1 || b.count == 1, a.first == b.first { return .partial }
        return .different
    }

    /// Surnames (folded, spaces removed): exact; equivalent when one is a whole word of the other
    /// (double-barrelled `smith jones` and `jones`), given as `aParts` / `bParts`; close when Jaro–Winkler ≥ 0.92;
    /// partial when ≥ 0.80; else different.
    public static func surname(_ a: String, _ b: String, aParts: [String] = [], bParts: [String] = [])
        -> AgreementLevel
    {
        if a.isEmpty || b.isEmpty { return .missing }
        if a == b { return .exact }
        if (aParts.count > 1 && aParts.contains(b)) || (bParts.count > 1 && bParts.contains(a)) {
            return .equivalent
        }
        return stringSimilarity(Array(a.utf8), Array(b.utf8))
    }

    static func stringSimilarity(_ a: [UInt8], _ b: [UInt8]) -> AgreementLevel {
        let similarity = JaroWinkler.similarity(bytes: a, b)
        if similarity >= 0.92 { return .close }
        if similarity >= 0.80 { return .partial }
        return .different
    }

    /// Dates: exact; equivalent when day and month are swapped; close when only the year differs by one, or
    /// one component differs by one keying error (one digit changed or two swapped); partial when exactly one
    /// component differs otherwise; else different.
    public static func date(_ a: LinkageDate?, _ b: LinkageDate?) -> AgreementLevel {
        guard let a, let b else { return .missing }
        if a == b { return .exact }
        if a.day == b.month, a.month == b.day, a.year == b.year { return .equivalent }
        let sameYear = a.year == b.year
        let sameMonth = a.month == b.month
        let sameDay = a.day == b.day
        let differing = (sameYear ? 0 : 1) + (sameMonth ? 0 : 1) + (sameDay ? 0 : 1)
        guard differing == 1 else { return .different }
        if !sameYear, abs(a.year - b.year) == 1 { return .close }
        let pair = !sameYear ? (a.year, b.year, 4) : !sameMonth ? (a.month, b.month, 2) : (a.day, b.day, 2)
        return isOneKeyingError(pair.0, pair.1, width: pair.2) ? .close : .partial
    }

    /// NINOs (normalised): exact; equivalent when two adjacent characters are swapped or only the suffix letter
    /// differs or is missing; close when one character differs; else different.
    public static func nino(_ a: String, _ b: String) -> AgreementLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        return nino(Array(a.utf8), Array(b.utf8))
    }

    static func nino(_ left: [UInt8], _ right: [UInt8]) -> AgreementLevel {
        if left == right { return .exact }
        if left.prefix(8) == right.prefix(8) { return .equivalent }
        guard left.count == right.count else { return .different }
        var mismatches: [Int] = []
        for index in left.indices where left[index] != right[index] {
            mismatches.append(index)
            if mismatches.count > 2 { return .different }
        }
        if mismatches.count == 2, mismatches[1] == mismatches[0] + 1,
            left[mismatches[0]] == right[mismatches[1]], left[mismatches[1]] == right[mismatches[0]]
        {
            return .equivalent
        }
        return mismatches.count == 1 ? .close : .different
    }

    /// Postcodes (normalised): exact; close when one keying error apart; partial when the same outward code
    /// (same district); else different.
    public static func postcode(_ a: String, _ b: String) -> AgreementLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        return postcode(Array(a.utf8), Array(b.utf8))
    }

    static func postcode(_ a: [UInt8], _ b: [UInt8]) -> AgreementLevel {
        if a == b { return .exact }
        if EditDistance.isWithinOneEdit(a, b) { return .close }
        if let outward = outwardLength(a), outward == outwardLength(b), a.prefix(outward) == b.prefix(outward) {
            return .partial
        }
        return .different
    }

    // The length of the outward code of a UK-shaped normalised postcode (see Normalise.postcodeOutward).
    private static func outwardLength(_ bytes: [UInt8]) -> Int? {
        guard (5...7).contains(bytes.count) else { return nil }
        let inward = bytes.suffix(3)
        guard Normalise.isDigit(inward[inward.startIndex]), inward.dropFirst().allSatisfy(Normalise.isLetter),
            let first = bytes.first, Normalise.isLetter(first), bytes.dropLast(3).contains(where: Normalise.isDigit)
        else { return nil }
        return bytes.count - 3
    }

    /// Identifiers compared as text (staff numbers, phone digits, e-mail addresses): exact; close when one keying
    /// error apart; else different.
    public static func identifier(_ a: String, _ b: String) -> AgreementLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        return identifier(Array(a.utf8), Array(b.utf8))
    }

    static func identifier(_ a: [UInt8], _ b: [UInt8]) -> AgreementLevel {
        if a == b { return .exact }
        return EditDistance.isWithinOneEdit(a, b) ? .close : .different
    }

    /// Addresses (normalised words): exact; close when the symmetric Monge–Elkan similarity with Jaro–Winkler
    /// on words is ≥ 0.90; partial when ≥ 0.75; else different.
    public static func address(_ a: String, _ b: String) -> AgreementLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        if a == b { return .exact }
        let left = a.split(separator: " ").map { Array($0.utf8) }
        let right = b.split(separator: " ").map { Array($0.utf8) }
        return addressLevel(mongeElkan(left, right))
    }

    static func addressLevel(_ similarity: Double) -> AgreementLevel {
        similarity >= 0.90 ? .close : similarity >= 0.75 ? .partial : .different
    }

    /// Postcode and address together, from their own levels: exact when the postcode is exact and the address
    /// exact or close (the same home); equivalent when one side of a matching home is missing or has a keying
    /// error; close when the postcode agrees but the house does not, or the address agrees under another
    /// postcode; partial when only the district (outward code) or part of the address agrees; else different.
    public static func location(postcode: AgreementLevel, address: AgreementLevel) -> AgreementLevel {
        let sameAddress = address == .exact || address == .close
        if postcode == .missing && address == .missing { return .missing }
        if sameAddress {
            switch postcode {
            case .exact: return .exact
            case .close, .missing: return .equivalent
            default: return .close
            }
        }
        switch (postcode, address) {
        case (.exact, .missing), (.close, .missing): return .equivalent
        case (.exact, _): return .close
        case (.partial, _), (_, .partial): return .partial
        default: return .different
        }
    }

    /// Monge and Elkan (1996): the mean over the words of each side of its best Jaro–Winkler match on the other,
    /// averaged both ways so it is symmetric.
    static func mongeElkan(_ a: [[UInt8]], _ b: [[UInt8]]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        func oneWay(_ x: [[UInt8]], _ y: [[UInt8]]) -> Double {
            var total = 0.0
            for word in x {
                var best = 0.0
                for other in y {
                    best = max(best, word == other ? 1 : JaroWinkler.similarity(bytes: word, other))
                    if best == 1 { break }
                }
                total += best
            }
            return total / Double(x.count)
        }
        return (oneWay(a, b) + oneWay(b, a)) / 2
    }

    private static func isOneKeyingError(_ a: Int, _ b: Int, width: Int) -> Bool {
        func digits(_ value: Int) -> [UInt8] {
            let text = Array(String(value).utf8)
            return [UInt8](repeating: UInt8(ascii: "0"), count: max(0, width - text.count)) + text
        }
        let left = digits(a)
        let right = digits(b)
        guard left.count == right.count else { return false }
        return EditDistance.isWithinOneEdit(left, right)
    }
}

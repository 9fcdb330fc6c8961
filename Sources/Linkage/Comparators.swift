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
        return withBytes(a, b, forenameSimilarity)
    }

    /// Internal comparators read values as byte buffers (``ValueBytes``); the public ones wrap them for text.
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func withBytes<Result>(_ a: String, _ b: String, _ body: (Bytes, Bytes) -> Result) -> Result {
        Array(a.utf8).withUnsafeBufferPointer { a in Array(b.utf8).withUnsafeBufferPointer { b in body(a, b) } }
    }

    static func forenameSimilarity(_ a: Bytes, _ b: Bytes) -> AgreementLevel {
        let similarity = JaroWinkler.mayReach(0.80, a, b) ? JaroWinkler.similarity(bytes: a, b) : 0
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
        return withBytes(a, b, stringSimilarity)
    }

    static func stringSimilarity(_ a: Bytes, _ b: Bytes) -> AgreementLevel {
        let similarity = JaroWinkler.mayReach(0.80, a, b) ? JaroWinkler.similarity(bytes: a, b) : 0
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
        return withBytes(a, b, nino)
    }

    static func nino(_ left: Bytes, _ right: Bytes) -> AgreementLevel {
        if same(left, right) { return .exact }
        if left.count >= 8, right.count >= 8, same(Bytes(rebasing: left[..<8]), Bytes(rebasing: right[..<8])) {
            return .equivalent
        }
        guard left.count == right.count else { return .different }
        // The first two differing positions, counted without an array: random pairs of NINOs pass through here.
        var mismatches = 0
        var first = 0
        var second = 0
        for index in left.indices where left[index] != right[index] {
            mismatches += 1
            if mismatches > 2 { return .different }
            if mismatches == 1 { first = index } else { second = index }
        }
        if mismatches == 2, second == first + 1, left[first] == right[second], left[second] == right[first] {
            return .equivalent
        }
        return mismatches == 1 ? .close : .different
    }

    /// Whether two buffers hold the same bytes.
    static func same(_ a: Bytes, _ b: Bytes) -> Bool {
        guard a.count == b.count else { return false }
        for index in a.indices where a[index] != b[index] { return false }
        return true
    }

    /// Postcodes (normalised): exact; close when one keying error apart; partial when the same outward code
    /// (same district); else different.
    public static func postcode(_ a: String, _ b: String) -> AgreementLevel {
        if a.isEmpty || b.isEmpty { return .missing }
        return withBytes(a, b, postcode)
    }

    static func postcode(_ a: Bytes, _ b: Bytes) -> AgreementLevel {
        if same(a, b) { return .exact }
        if EditDistance.isWithinOneEdit(a, b) { return .close }
        if let outward = outwardLength(a), outward == outwardLength(b),
            a.prefix(outward).elementsEqual(b.prefix(outward))
        {
            return .partial
        }
        return .different
    }

    // The length of the outward code of a UK-shaped normalised postcode (see Normalise.postcodeOutward).
    private static func outwardLength(_ bytes: Bytes) -> Int? {
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
        return withBytes(a, b, identifier)
    }

    static func identifier(_ a: Bytes, _ b: Bytes) -> AgreementLevel {
        if same(a, b) { return .exact }
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
        // One similarity per pair of words serves both directions, a's best matches being row maxima and b's
        // column maxima: address words make this the costliest comparison of a cleanse, so each is computed once.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: b.count) { columnBest in
            columnBest.initialize(repeating: 0)
            var rowTotal = 0.0
            for word in a {
                var best = 0.0
                for (index, other) in b.enumerated() {
                    let similarity = word == other ? 1 : JaroWinkler.similarity(bytes: word, other)
                    best = max(best, similarity)
                    columnBest[index] = max(columnBest[index], similarity)
                }
                rowTotal += best
            }
            var columnTotal = 0.0
            for best in columnBest { columnTotal += best }
            return (rowTotal / Double(a.count) + columnTotal / Double(b.count)) / 2
        }
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

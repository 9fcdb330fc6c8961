/// Edit distances and the similarities derived from them (Christen, "Data Matching", §5.2).
public enum EditDistance {
    /// The Levenshtein distance: insertions, deletions and substitutions.
    public static func levenshtein<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        distance(a, b, transpositions: false)
    }

    /// The Damerau–Levenshtein distance in its optimal-string-alignment form: Levenshtein plus the
    /// transposition of two adjacent elements, the commonest keying error.
    public static func damerau<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        distance(a, b, transpositions: true)
    }

    /// 1 − Levenshtein distance ÷ the longer length, in 0…1 (1 when both are empty).
    public static func levenshteinSimilarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.unicodeScalars), Array(b.unicodeScalars), transpositions: false)
    }

    /// 1 − Damerau distance ÷ the longer length, in 0…1 (1 when both are empty).
    public static func damerauSimilarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.unicodeScalars), Array(b.unicodeScalars), transpositions: true)
    }

    /// Whether `a` becomes `b` with at most one substitution, insertion, deletion or adjacent transposition,
    /// in linear time. Arrays and buffers alike (pair comparison reads buffers, ``ValueBytes``).
    public static func isWithinOneEdit<Elements: RandomAccessCollection>(_ a: Elements, _ b: Elements) -> Bool
    where Elements.Element: Equatable, Elements.Index == Int {
        guard a.startIndex == 0, b.startIndex == 0 else { return isWithinOneEdit(Array(a), Array(b)) }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var first = 0
        while first < short.count, short[first] == long[first] { first += 1 }
        if first == short.count { return true }
        func tailsEqual(_ shortFrom: Int, _ longFrom: Int) -> Bool {
            var i = shortFrom
            var j = longFrom
            while i < short.count {
                if short[i] != long[j] { return false }
                i += 1
                j += 1
            }
            return true
        }
        if short.count == long.count {
            // One substitution, or a transposition of positions first and first + 1.
            if tailsEqual(first + 1, first + 1) { return true }
            return first + 1 < short.count && short[first] == long[first + 1] && short[first + 1] == long[first]
                && tailsEqual(first + 2, first + 2)
        }
        return tailsEqual(first, first + 1)
    }

    private static func similarity<Element: Equatable>(_ a: [Element], _ b: [Element], transpositions: Bool)
        -> Double
    {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(distance(a, b, transpositions: transpositions)) / Double(longest)
    }

    private static func distance<Element: Equatable>(_ a: [Element], _ b: [Element], transpositions: Bool)
        -> Int
    {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        // Three rows: the one before last is needed for transpositions.
        var previous2 = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if transpositions, i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

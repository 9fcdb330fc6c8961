/// The Jaro and Jaro–Winkler string similarities exactly as published: Jaro (1989) with the match window
/// ⌊max(|a|, |b|) / 2⌋ − 1 and half-counted transpositions; Winkler (1990) adding a common-prefix bonus of up to
/// 4 characters at scale 0.1, applied only when the Jaro similarity exceeds 0.7 (Winkler's boost threshold).
public enum JaroWinkler {
    /// The Jaro–Winkler similarity of two strings compared by Unicode scalar, in 0…1.
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// The Jaro similarity of two strings compared by Unicode scalar, in 0…1.
    public static func jaro(_ a: String, _ b: String) -> Double {
        jaro(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    /// The Jaro–Winkler similarity of two sequences.
    public static func similarity<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Double {
        let base = jaro(a, b)
        // Winkler's boost only for strings already similar: below 0.7 the prefix says little.
        guard base > 0.7 else { return base }
        var prefix = 0
        while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        return base + Double(prefix) * 0.1 * (1 - base)
    }

    /// The Jaro similarity of two sequences.
    public static func jaro<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<a.count {
                let start = max(0, i - window)
                let end = min(b.count - 1, i + window)
                guard start <= end else { continue }
                for j in start...end where !flags[a.count + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[a.count + j] = true
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            var halfTranspositions = 0
            var k = 0
            for i in 0..<a.count where flags[i] {
                while !flags[a.count + k] { k += 1 }
                if a[i] != b[k] { halfTranspositions += 1 }
                k += 1
            }
            let m = Double(matches)
            let t = Double(halfTranspositions / 2)
            return (m / Double(a.count) + m / Double(b.count) + (m - t) / m) / 3
        }
    }
}

extension JaroWinkler {
    /// The Jaro–Winkler similarity of two byte strings: the same definition, with the matched positions kept in
    /// bit masks instead of arrays, because blocking leaves millions of short names to compare.
    static func similarity(bytes a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count <= 64, b.count <= 64 else { return similarity(a, b) }
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let window = max(0, max(a.count, b.count) / 2 - 1)
                var flagsA: UInt64 = 0
                var flagsB: UInt64 = 0
                var matches = 0
                for i in 0..<a.count {
                    let start = max(0, i - window)
                    let end = min(b.count - 1, i + window)
                    guard start <= end else { continue }
                    let character = a[i]
                    for j in start...end where flagsB & (1 << UInt64(j)) == 0 && b[j] == character {
                        flagsA |= 1 << UInt64(i)
                        flagsB |= 1 << UInt64(j)
                        matches += 1
                        break
                    }
                }
                guard matches > 0 else { return 0 }
                var halfTranspositions = 0
                var remainingA = flagsA
                var remainingB = flagsB
                while remainingA != 0 {
                    let i = remainingA.trailingZeroBitCount
                    let j = remainingB.trailingZeroBitCount
                    if a[i] != b[j] { halfTranspositions += 1 }
                    remainingA &= remainingA - 1
                    remainingB &= remainingB - 1
                }
                let m = Double(matches)
                let t = Double(halfTranspositions / 2)
                let jaro = (m / Double(a.count) + m / Double(b.count) + (m - t) / m) / 3
                guard jaro > 0.7 else { return jaro }
                var prefix = 0
                while prefix < min(4, a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
                return jaro + Double(prefix) * 0.1 * (1 - jaro)
            }
        }
    }
}

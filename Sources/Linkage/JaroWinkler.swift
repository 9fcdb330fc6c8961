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
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in similarity(bytes: a, b) } }
    }

    /// The same on buffers, which is how pair comparison reads values (``ValueBytes``).
    static func similarity(bytes a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        guard a.count <= 64, b.count <= 64 else { return similarity(Array(a), Array(b)) }
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
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

    /// Whether the Jaro–Winkler similarity of `a` and `b` can reach `minimum` (``upperBound(_:_:)``). Most pairs
    /// of unrelated names are ruled out without the matching itself, and those are what the random pairs u is
    /// measured on mostly are.
    static func mayReach(_ minimum: Double, _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        // The margin keeps a rounding difference between the bound and the similarity from ruling out an equal.
        upperBound(a, b) >= minimum - 1e-9
    }

    /// A bound on the Jaro–Winkler similarity of `a` and `b` that costs one pass over each: at most the characters
    /// of each that occur in the other can match, and the prefix bonus adds at most 0.4 × (1 − Jaro).
    static func upperBound(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 1 }
        // Bytes share a bit when equal (and sometimes when not), so the counts can only be too high: still a bound.
        func mask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var mask: UInt64 = 0
            for byte in bytes { mask |= 1 << UInt64(byte & 63) }
            return mask
        }
        func occurring(_ bytes: UnsafeBufferPointer<UInt8>, in mask: UInt64) -> Int {
            var count = 0
            for byte in bytes where mask & (1 << UInt64(byte & 63)) != 0 { count += 1 }
            return count
        }
        let matches = Double(min(occurring(a, in: mask(b)), occurring(b, in: mask(a))))
        let jaro = (matches / Double(a.count) + matches / Double(b.count) + 1) / 3
        return 0.6 * jaro + 0.4
    }
}

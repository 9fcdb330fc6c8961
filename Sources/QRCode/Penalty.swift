/// The mask-evaluation penalty score of ISO/IEC 18004:2015 7.8.3.1 (Table 11); lower is better.
enum Penalty {
    private static let adjacentBase = 3
    private static let blockWeight = 3
    private static let finderLikeWeight = 40
    private static let balanceWeight = 10
    private static let finderLike: [Bool] = [true, false, true, true, true, false, true]

    /// The total penalty of a `size`×`size` symbol whose modules are given row by row.
    static func score(_ dark: [Bool], size: Int) -> Int {
        var total = 0
        for line in 0..<size {
            let row = Array(dark[(line * size)..<((line + 1) * size)])
            let column = (0..<size).map { dark[$0 * size + line] }
            total += sameColourRuns(row) + sameColourRuns(column)
            total += finderLikePatterns(row) + finderLikePatterns(column)
        }
        total += sameColourBlocks(dark, size: size)
        total += balance(dark)
        return total
    }

    /// N1: every run of five or more same-coloured modules scores 3 plus one per module beyond five.
    static func sameColourRuns(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var previous: Bool?
        for module in line {
            if module == previous {
                runLength += 1
            } else {
                score += runPenalty(runLength)
                runLength = 1
                previous = module
            }
        }
        return score + runPenalty(runLength)
    }

    private static func runPenalty(_ length: Int) -> Int {
        length >= 5 ? adjacentBase + length - 5 : 0
    }

    /// N2: every 2×2 square of one colour scores 3; overlapping squares each count, which is how an m×n block
    /// comes to score 3·(m−1)·(n−1).
    static func sameColourBlocks(_ dark: [Bool], size: Int) -> Int {
        var score = 0
        for y in 1..<size {
            for x in 1..<size {
                let module = dark[y * size + x]
                if dark[y * size + x - 1] == module, dark[(y - 1) * size + x] == module,
                    dark[(y - 1) * size + x - 1] == module
                {
                    score += blockWeight
                }
            }
        }
        return score
    }

    /// N3: every dark-light-dark-dark-dark-light-dark (1:1:3:1:1) pattern with four light modules on at
    /// least one side scores 40.
    static func finderLikePatterns(_ line: [Bool]) -> Int {
        let patternLength = finderLike.count
        var score = 0
        var start = 0
        while start + patternLength <= line.count {
            guard line[start..<(start + patternLength)].elementsEqual(finderLike) else {
                start += 1
                continue
            }
            // Modules beyond the symbol edge belong to the light quiet zone, so a clipped side still counts.
            let before = line[max(start - 4, 0)..<start]
            let end = start + patternLength
            let after = line[end..<min(end + 4, line.count)]
            if !before.contains(true) || !after.contains(true) {
                score += finderLikeWeight
                // A counted pattern is not reused as the light margin of a neighbouring one.
                start = end
            } else {
                // The pattern cannot recur sooner: its next possible start is its own third dark run.
                start += 4
            }
        }
        return score
    }

    /// N4: 10 points for each full 5 % step that the dark proportion deviates from 50 %.
    static func balance(_ dark: [Bool]) -> Int {
        let total = dark.count
        let darkCount = dark.reduce(0) { $0 + ($1 ? 1 : 0) }
        // |dark/total − 1/2| / 5 % in integers, so exact thresholds do not depend on floating-point rounding.
        let steps = abs(darkCount * 20 - total * 10) / total
        return steps * balanceWeight
    }
}

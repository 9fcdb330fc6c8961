/// A square grid of modules under construction, which also remembers which modules belong to
/// function patterns and so must not carry data or be masked (ISO/IEC 18004:2015, 6.3 and 7.7).
struct ModuleGrid {
    /// The symbol version, 1 to 40.
    let version: Int
    /// The side length in modules.
    let size: Int
    /// Dark modules, row by row (`y * size + x`).
    private(set) var dark: [Bool]
    /// Modules reserved for function patterns, format and version information.
    private(set) var reserved: [Bool]

    /// A grid for `version` with all function patterns drawn and the format and version areas
    /// reserved but still light.
    init(version: Int) {
        self.version = version
        size = VersionTable.size(of: version)
        dark = Array(repeating: false, count: size * size)
        reserved = Array(repeating: false, count: size * size)
        drawTimingPatterns()
        drawFinderPattern(centreX: 3, centreY: 3)
        drawFinderPattern(centreX: size - 4, centreY: 3)
        drawFinderPattern(centreX: 3, centreY: size - 4)
        drawAlignmentPatterns(centres: VersionTable.alignmentPatternCentres[version])
        reserveInformationAreas()
    }

    /// Whether the module at column `x`, row `y` is dark.
    func isDark(x: Int, y: Int) -> Bool {
        dark[y * size + x]
    }

    private mutating func set(x: Int, y: Int, dark isDark: Bool) {
        dark[y * size + x] = isDark
        reserved[y * size + x] = true
    }

    private mutating func drawTimingPatterns() {
        // Drawn first across the whole row and column; the finder patterns then overwrite the ends.
        for index in 0..<size {
            set(x: 6, y: index, dark: index % 2 == 0)
            set(x: index, y: 6, dark: index % 2 == 0)
        }
    }

    private mutating func drawFinderPattern(centreX: Int, centreY: Int) {
        // Radius 4 includes the light separator ring; it is clipped at the symbol edge.
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else {
                    continue
                }
                let ring = max(abs(dx), abs(dy))
                set(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    private mutating func drawAlignmentPatterns(centres: [Int]) {
        guard let last = centres.last else {
            return
        }
        for centreY in centres {
            for centreX in centres {
                // The three corners where a centre pair would collide with a finder pattern are skipped.
                let nearFinder =
                    (centreX == 6 && centreY == 6) || (centreX == 6 && centreY == last)
                    || (centreX == last && centreY == 6)
                if nearFinder {
                    continue
                }
                for dy in -2...2 {
                    for dx in -2...2 {
                        set(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }

    private mutating func reserveInformationAreas() {
        // Kept light while masks are scored: the format bits depend on the mask, and ISO/IEC 18004:2015 7.8
        // adds format and version information only after masking.
        for index in 0...8 where index != 6 {
            set(x: 8, y: index, dark: false)
            set(x: index, y: 8, dark: false)
        }
        for index in 0..<8 {
            set(x: size - 1 - index, y: 8, dark: false)
            set(x: 8, y: size - 1 - index, dark: false)
        }
        if version >= 7 {
            for index in 0..<18 {
                set(x: size - 11 + index % 3, y: index / 3, dark: false)
                set(x: index / 3, y: size - 11 + index % 3, dark: false)
            }
        }
    }

    /// Fills the non-reserved modules with `codewords`, most significant bit first, in the two-column
    /// zigzag of ISO/IEC 18004:2015 7.7.3; modules left over (remainder bits) stay light.
    mutating func place(codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            // Column 6 is the vertical timing pattern, so the column pairs to its left shift by one.
            if right == 6 {
                right = 5
            }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !reserved[y * size + x] && bitIndex < bitCount {
                    let byte = codewords[bitIndex >> 3]
                    dark[y * size + x] = (byte >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// A copy with every data module inverted where `pattern` holds.
    func masked(with pattern: MaskPattern) -> ModuleGrid {
        var copy = self
        for y in 0..<size {
            for x in 0..<size where !reserved[y * size + x] && pattern.inverts(x: x, y: y) {
                copy.dark[y * size + x].toggle()
            }
        }
        return copy
    }

    /// Writes both copies of the format and (from version 7) version information, and the dark module.
    mutating func drawInformation(correction: ErrorCorrection, mask: MaskPattern) {
        drawFormatInformation(correction: correction, mask: mask)
        if version >= 7 {
            drawVersionInformation()
        }
        set(x: 8, y: size - 8, dark: true)
    }

    private mutating func drawFormatInformation(correction: ErrorCorrection, mask: MaskPattern) {
        let bits = BCHCode.formatInformation(correction: correction, mask: mask.rawValue)
        func bit(_ index: Int) -> Bool {
            (bits >> index) & 1 == 1
        }
        // Bit positions are irregular because each copy is split around the timing pattern and the finders.
        for index in 0...5 {
            set(x: 8, y: index, dark: bit(index))
        }
        set(x: 8, y: 7, dark: bit(6))
        set(x: 8, y: 8, dark: bit(7))
        set(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 {
            set(x: 14 - index, y: 8, dark: bit(index))
        }
        for index in 0..<8 {
            set(x: size - 1 - index, y: 8, dark: bit(index))
        }
        for index in 8..<15 {
            set(x: 8, y: size - 15 + index, dark: bit(index))
        }
    }

    private mutating func drawVersionInformation() {
        let bits = BCHCode.versionInformation(version: version)
        for index in 0..<18 {
            let isDark = (bits >> index) & 1 == 1
            let near = index / 3
            let far = size - 11 + index % 3
            set(x: far, y: near, dark: isDark)
            set(x: near, y: far, dark: isDark)
        }
    }
}

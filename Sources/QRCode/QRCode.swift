/// A QR code symbol (ISO/IEC 18004:2015 model 2) holding one byte-mode segment of UTF-8 text.
///
/// The smallest version that fits the text at the requested error-correction level is used, and the data
/// mask with the lowest penalty score is applied.
public struct QRCode: Sendable {
    /// The side length of the symbol in modules, excluding the quiet zone (21 for version 1, up to 177).
    public let size: Int
    /// The symbol version, 1 to 40.
    public let version: Int
    /// The error-correction level the symbol was built with.
    public let correction: ErrorCorrection
    /// The data mask reference (0 to 7) written into the format information.
    public let mask: Int

    private let modules: [Bool]

    /// Encodes `text` as UTF-8 bytes in byte mode.
    ///
    /// - Throws: `QRCodeError.tooLong` when the bytes do not fit a version 40 symbol at `correction`.
    public init(encoding text: String, correction: ErrorCorrection = .medium) throws {
        let bytes = Array(text.utf8)
        guard let version = Codewords.smallestVersion(forByteCount: bytes.count, correction: correction) else {
            let maximum = VersionTable.byteCapacity(version: VersionTable.versions.upperBound, correction: correction)
            throw QRCodeError.tooLong(byteCount: bytes.count, maximumByteCount: maximum)
        }
        let data = Codewords.dataCodewords(for: bytes, version: version, correction: correction)
        var grid = ModuleGrid(version: version)
        grid.place(codewords: Codewords.interleaved(data, version: version, correction: correction))

        // Candidates are scored before format information, version information and the dark module are
        // drawn (ISO/IEC 18004:2015 7.8 adds them after masking); segno scores the same state.
        var chosenMask = MaskPattern.pattern0
        var chosen = grid.masked(with: chosenMask)
        var lowestScore = Penalty.score(chosen.dark, size: chosen.size)
        for mask in MaskPattern.allCases.dropFirst() {
            let candidate = grid.masked(with: mask)
            let score = Penalty.score(candidate.dark, size: candidate.size)
            // Strictly lower, so a tie goes to the lowest mask reference, as in segno.
            if score < lowestScore {
                chosenMask = mask
                chosen = candidate
                lowestScore = score
            }
        }
        chosen.drawInformation(correction: correction, mask: chosenMask)

        self.size = chosen.size
        self.version = version
        self.correction = correction
        self.mask = chosenMask.rawValue
        self.modules = chosen.dark
    }

    /// Whether the module at column `x`, row `y` (origin top left) is dark; coordinates outside the symbol
    /// lie in the quiet zone and are light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else {
            return false
        }
        return modules[y * size + x]
    }
}

/// The error-correction level of a QR code: how much of the symbol may be damaged or hidden and still decode.
public enum ErrorCorrection: Sendable, CaseIterable {
    /// Recovers roughly 7 % of the codewords.
    case low
    /// Recovers roughly 15 % of the codewords.
    case medium
    /// Recovers roughly 25 % of the codewords.
    case quartile
    /// Recovers roughly 30 % of the codewords.
    case high

    /// The row for this level in the per-level capacity tables.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two-bit level indicator written into the format information.
    var formatBits: Int {
        // ISO/IEC 18004:2015 Table 12 assigns these out of severity order, so they cannot be derived from the index.
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}

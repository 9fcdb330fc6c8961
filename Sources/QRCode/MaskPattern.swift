/// One of the eight data mask patterns of ISO/IEC 18004:2015 Table 10; `rawValue` is the mask reference.
enum MaskPattern: Int, CaseIterable, Sendable {
    case pattern0, pattern1, pattern2, pattern3, pattern4, pattern5, pattern6, pattern7

    /// Whether the mask inverts the module at column `x`, row `y`.
    func inverts(x: Int, y: Int) -> Bool {
        switch self {
        case .pattern0: (y + x) % 2 == 0
        case .pattern1: y % 2 == 0
        case .pattern2: x % 3 == 0
        case .pattern3: (y + x) % 3 == 0
        case .pattern4: (y / 2 + x / 3) % 2 == 0
        case .pattern5: (y * x) % 2 + (y * x) % 3 == 0
        case .pattern6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
        case .pattern7: ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }
}

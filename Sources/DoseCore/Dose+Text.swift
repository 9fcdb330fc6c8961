extension Dose {
    /// Parses a decimal number of millisieverts with at most three decimal places, e.g. `0.28`, `20` or
    /// `1.234`, from 0 to 10,000 (10 Sv). Refuses signs, exponents, commas, `NaN` and extra places.
    public init(mSv text: String) throws(ValidationError) {
        func fail(_ reason: String) -> ValidationError { ValidationError(field: "dose", reason: reason) }
        let bytes = Array(text.utf8.prefix(32))
        guard !bytes.isEmpty else { throw fail("a dose must not be empty") }
        guard bytes.count < 32 else { throw fail("a dose must be at most 10000 mSv") }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var wholeDigits = 0
        var sawPoint = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if sawPoint {
                    fractionDigits += 1
                    guard fractionDigits <= 3 else { throw fail("a dose has at most 3 decimal places (1 µSv)") }
                    fraction = fraction * 10 + digit
                } else {
                    wholeDigits += 1
                    // 31 digits can overflow, so stop as soon as the value passes the limit.
                    whole = whole * 10 + digit
                    guard whole <= 10_000 else { throw fail("a dose must be at most 10000 mSv") }
                }
            case UInt8(ascii: ".") where !sawPoint:
                sawPoint = true
            default:
                throw fail("a dose must be a number of mSv such as 0.28, written with digits and one '.'")
            }
        }
        guard wholeDigits > 0, !sawPoint || fractionDigits > 0 else {
            throw fail("a dose must be a number of mSv such as 0.28, written with digits and one '.'")
        }
        for _ in fractionDigits..<3 {
            fraction *= 10
        }
        let total = whole * 1000 + fraction
        guard total <= Self.maximumReading.microsieverts else { throw fail("a dose must be at most 10000 mSv") }
        self.init(microsieverts: total)
    }

    /// The dose in mSv with two decimal places, or three when the last micro-sievert digit needs it:
    /// 280 µSv → `0.28`, 1,234 µSv → `1.234`, 20,000 µSv → `20.00`.
    public var mSvText: String {
        let sign = microsieverts < 0 ? "-" : ""
        let magnitude = microsieverts.magnitude
        let whole = magnitude / 1000
        let thousandths = magnitude % 1000
        var fraction = String(thousandths)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        if fraction.hasSuffix("0") {
            fraction.removeLast()
        }
        return "\(sign)\(whole).\(fraction)"
    }
}

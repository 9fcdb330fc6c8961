/// Reed–Solomon error-correction codewords over GF(256), built on the QR code field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) with generator element α = 2 (ISO/IEC 18004:2015, 7.5.2).
enum ReedSolomon {
    // Doubled in length so that exp[log a + log b] needs no reduction modulo 255.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 {
                value ^= 0x11D
            }
        }
        return table
    }()

    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 {
            table[Int(exponents[power])] = power
        }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
        if lhs == 0 || rhs == 0 {
            return 0
        }
        return exponents[logarithms[Int(lhs)] + logarithms[Int(rhs)]]
    }

    /// Coefficients of the generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest power first,
    /// without the leading 1.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree {
                    coefficients[index] ^= coefficients[index + 1]
                }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The `degree` error-correction codewords for `data`: the remainder of data·x^degree divided by the generator.
    static func errorCorrection(for data: [UInt8], degree: Int) -> [UInt8] {
        let divisor = generator(degree: degree)
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<degree {
                remainder[index] ^= multiply(divisor[index], factor)
            }
        }
        return remainder
    }
}
